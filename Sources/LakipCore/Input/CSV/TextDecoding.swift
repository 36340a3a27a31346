/// Turns field bytes into text: UTF-8 when valid, otherwise Windows-1252 (what Excel's
/// "CSV" save writes on Indonesian Windows).
public enum TextDecoding {
    /// Characters 0x80–0x9F of Windows-1252; the rest of 0xA0–0xFF equals Latin-1.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Whether `bytes` is plain ASCII or valid UTF-8.
    public static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        // Fast path over ASCII, the bulk of every export.
        while index < count && bytes[index] < 0x80 { index += 1 }
        if index == count { return true }
        var decoder = UTF8()
        var iterator = UnsafeBufferPointer(rebasing: bytes[index...]).makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// The Unicode text of Windows-1252 bytes.
    public static func windows1252String(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    /// The text of `bytes`: UTF-8 if valid, else Windows-1252.
    public static func string(from bytes: UnsafeBufferPointer<UInt8>) -> String {
        isValidUTF8(bytes) ? String(decoding: bytes, as: UTF8.self) : windows1252String(bytes)
    }
}
