/// Which character separates decimals in a file's numbers.
public enum DecimalConvention: Sendable, Equatable {
    /// `1,234.56`: point for decimals, comma for thousands.
    case point
    /// `1.234,56`: comma for decimals, point for thousands (Indonesian spreadsheets).
    case comma

    /// Words used in messages.
    public var label: String { self == .point ? "titik" : "koma" }
}

/// What a number cell holds.
public enum NumberReading: Sendable, Equatable {
    /// Empty, `-`, `n/a`: not reported.
    case absent
    /// A number. `evidence` is the convention the text itself proves (`85,5` proves comma),
    /// `nil` when the text fits either (`1.234`, `85`); `ambiguous` is true when the two
    /// conventions would give different values and the file's convention decided.
    case value(ExactDecimal, evidence: DecimalConvention?, ambiguous: Bool)
    /// Not a number; the reason says what is wrong, in Bahasa Indonesia.
    case invalid(String)
}

/// Reads the number spellings found in Indonesian exports straight from the cell's bytes:
/// `85.5`, `85,5`, `1.234,56`, `1,234.56`, `85%`, `85,5 %`, `Rp 1.250.000`, `-3`.
public enum NumberParser {
    /// Reads `bytes` with `convention` deciding ambiguous separators.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, convention: DecimalConvention) -> NumberReading {
        plainNumber(bytes) ?? parseAnySpelling(bytes, convention: convention)
    }

    /// The spelling almost every cell has, read in one pass: digits with an optional leading
    /// minus and at most one `.` or `,` that cannot be a thousands separator. `nil` for any other
    /// text (spaces, `Rp`, `%`, `+`, groups, "1.234", too many digits), which
    /// ``parseAnySpelling(_:convention:)`` reads; for the text it accepts, the reading is the
    /// one that function gives (a test compares the two on random text).
    @inline(__always)
    static func plainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> NumberReading? {
        // A sign, 18 significant digits, a separator and a leading zero or so; longer is rare.
        guard bytes.count > 0 && bytes.count <= 22 else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        let start = negative ? 1 : 0
        var significand: Int64 = 0
        var significantDigits = 0
        var separatorAt = -1
        var separator: UInt8 = 0
        for index in start..<bytes.count {
            let byte = bytes[index]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                if significantDigits > 0 || digit != 0 { significantDigits += 1 }
                // Wraps only past 18 significant digits, which are refused below.
                significand = significand &* 10 &+ Int64(digit)
            } else if (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",")) && separatorAt < 0 {
                separatorAt = index - start
                separator = byte
            } else {
                return nil
            }
        }
        let length = bytes.count - start
        guard length > 0, significantDigits <= ExactDecimal.maximumDigits else { return nil }
        var scale = 0
        var evidence: DecimalConvention?
        if separatorAt >= 0 {
            scale = length - separatorAt - 1
            // "1.234" is a thousands group or three decimals, and the file decides; a lone
            // separator is no number. Both are the full reader's.
            let looksGrouped = scale == 3 && separatorAt >= 1 && separatorAt <= 3 && bytes[start] != UInt8(ascii: "0")
            guard !looksGrouped, length > 1, scale <= Int(ExactDecimal.maximumScale) else { return nil }
            evidence = separator == UInt8(ascii: ".") ? .point : .comma
        }
        let value = ExactDecimal(significand: negative ? -significand : significand, scale: UInt8(scale))
        return .value(value, evidence: evidence, ambiguous: false)
    }

    /// Reads every spelling ``parse(_:convention:)`` accepts, the rare ones included.
    static func parseAnySpelling(_ bytes: UnsafeBufferPointer<UInt8>, convention: DecimalConvention) -> NumberReading {
        var text = trimmed(bytes)
        if text.isEmpty || isAbsentMarker(text) { return .absent }

        // Currency prefix "Rp" / "Rp." and percent suffix.
        if text.count >= 2, text[0] | 0x20 == 0x72, text[1] | 0x20 == 0x70,
           text.count == 2 || !isLetter(text[2]) {
            text = trimmed(UnsafeBufferPointer(rebasing: text[2...]))
            if let first = text.first, first == 0x2E { text = trimmed(UnsafeBufferPointer(rebasing: text[1...])) }
        }
        if let last = text.last, last == 0x25 {
            text = trimmed(UnsafeBufferPointer(rebasing: text[..<(text.count - 1)]))
        }

        var negative = false
        if let first = text.first, first == 0x2D || first == 0x2B {
            negative = first == 0x2D
            text = UnsafeBufferPointer(rebasing: text[1...])
        }
        guard !text.isEmpty else { return .invalid("tidak berisi angka") }

        // Locate separators; everything else must be a digit.
        var dots = 0, commas = 0, lastDot = -1, lastComma = -1
        for (index, byte) in text.enumerated() {
            switch byte {
            case 0x30...0x39: continue
            case 0x2E: dots += 1; lastDot = index
            case 0x2C: commas += 1; lastComma = index
            default: return .invalid("berisi karakter yang bukan angka")
            }
        }

        // Decide which separator (if any) marks decimals.
        var decimalIndex = -1
        var grouping: UInt8 = 0
        var evidence: DecimalConvention?
        var ambiguous = false
        if dots > 0 && commas > 0 {
            // Both present: the last one is the decimal separator and occurs once.
            if lastDot > lastComma {
                guard dots == 1 else { return .invalid("pemisah ribuan dan desimal bercampur") }
                (decimalIndex, grouping, evidence) = (lastDot, 0x2C, .point)
            } else {
                guard commas == 1 else { return .invalid("pemisah ribuan dan desimal bercampur") }
                (decimalIndex, grouping, evidence) = (lastComma, 0x2E, .comma)
            }
        } else if dots + commas > 1 {
            // One kind, repeated: it groups thousands (1.250.000 or 1,250,000).
            grouping = dots > 0 ? 0x2E : 0x2C
            evidence = dots > 0 ? .comma : .point
        } else if dots + commas == 1 {
            let separator: UInt8 = dots == 1 ? 0x2E : 0x2C
            let index = dots == 1 ? lastDot : lastComma
            let digitsAfter = text.count - index - 1
            let looksGrouped = digitsAfter == 3 && index >= 1 && index <= 3 && text[0] != 0x30
            if looksGrouped {
                // "1.234": a thousands separator or three decimals; the file decides.
                ambiguous = true
                let decimalSeparator: UInt8 = convention == .point ? 0x2E : 0x2C
                if separator == decimalSeparator { decimalIndex = index } else { grouping = separator }
            } else {
                decimalIndex = index
                evidence = separator == 0x2E ? .point : .comma
            }
        }

        // Thousands groups must be three digits, and never after the decimal separator.
        if grouping != 0 {
            let integerEnd = decimalIndex >= 0 ? decimalIndex : text.count
            var groupLength = 0
            var sawGroup = false
            for index in 0..<integerEnd {
                if text[index] == grouping {
                    if (sawGroup && groupLength != 3) || (!sawGroup && (groupLength == 0 || groupLength > 3)) {
                        return .invalid("pemisah ribuan tidak pada tempatnya")
                    }
                    sawGroup = true
                    groupLength = 0
                } else {
                    groupLength += 1
                }
            }
            if sawGroup && groupLength != 3 { return .invalid("pemisah ribuan tidak pada tempatnya") }
            if decimalIndex >= 0, text[(decimalIndex + 1)...].contains(grouping) {
                return .invalid("pemisah ribuan setelah pemisah desimal")
            }
        }

        // Accumulate the digits.
        var significand: Int64 = 0
        var digits = 0
        var scale = 0
        for (index, byte) in text.enumerated() where byte >= 0x30 && byte <= 0x39 {
            if digits > 0 || byte != 0x30 { digits += 1 }
            if digits > ExactDecimal.maximumDigits { return .invalid("lebih dari \(ExactDecimal.maximumDigits) angka penting") }
            significand = significand * 10 + Int64(byte - 0x30)
            if decimalIndex >= 0 && index > decimalIndex { scale += 1 }
        }
        if decimalIndex >= 0 && decimalIndex == text.count - 1 && decimalIndex == 0 {
            return .invalid("tidak berisi angka")
        }
        guard scale <= Int(ExactDecimal.maximumScale) else {
            return .invalid("lebih dari \(ExactDecimal.maximumScale) angka di belakang koma")
        }
        let value = ExactDecimal(significand: negative ? -significand : significand, scale: UInt8(scale))
        return .value(value, evidence: evidence, ambiguous: ambiguous)
    }

    public static func parse(_ text: String, convention: DecimalConvention = .point) -> NumberReading {
        var text = text
        return text.withUTF8 { parse($0, convention: convention) }
    }

    /// `bytes` without surrounding spaces, tabs and no-break spaces (U+00A0 in UTF-8 or
    /// Windows-1252).
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        while start < end {
            if bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0xA0 { start += 1 }
            else if bytes[start] == 0xC2, start + 1 < end, bytes[start + 1] == 0xA0 { start += 2 }
            else { break }
        }
        while end > start {
            if bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            else if bytes[end - 1] == 0xA0 { end -= (end - 2 >= start && bytes[end - 2] == 0xC2) ? 2 : 1 }
            else { break }
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    /// `-`, `–`, `—`, `n/a`, `na`, `#n/a`: the cell says "not reported".
    private static func isAbsentMarker(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch text.count {
        case 1: return text[0] == 0x2D
        case 2: return text[0] | 0x20 == 0x6E && text[1] | 0x20 == 0x61
        case 3:
            if text[0] == 0xE2 && text[1] == 0x80 && (text[2] == 0x93 || text[2] == 0x94) { return true }
            return text[0] | 0x20 == 0x6E && text[1] == 0x2F && text[2] | 0x20 == 0x61
        case 4:
            return text[0] == 0x23 && text[1] | 0x20 == 0x6E && text[2] == 0x2F && text[3] | 0x20 == 0x61
        default:
            return false
        }
    }
}
