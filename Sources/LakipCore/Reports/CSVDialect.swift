/// How report files are written.
public struct CSVDialect: Sendable, Equatable {
    public var delimiter: UInt8
    public var lineEnd: [UInt8]
    public var byteOrderMark: Bool
    /// The character between integer and decimals in numbers.
    public var decimalSeparator: UInt8

    /// Whether text a spreadsheet would run as a formula is neutralised (OWASP CSV injection).
    public var neutralisesFormulas: Bool

    /// RFC 4180 quoting, comma, decimal point, UTF-8 without byte order mark, LF line ends;
    /// text is kept byte for byte.
    public static let standard = CSVDialect(delimiter: 0x2C, lineEnd: [0x0A], byteOrderMark: false, decimalSeparator: 0x2E,
                                            neutralisesFormulas: false)

    /// What Excel and LibreOffice set to Indonesian open directly: `;`, decimal comma, UTF-8
    /// with byte order mark, CRLF; a text cell starting with `=`, `+`, `-`, `@`, tab or CR gets
    /// a leading `'` so it is shown, not executed.
    public static let excelIndonesian = CSVDialect(delimiter: 0x3B, lineEnd: [0x0D, 0x0A], byteOrderMark: true,
                                                   decimalSeparator: 0x2C, neutralisesFormulas: true)
}
