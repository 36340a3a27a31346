/// How report files are written.
public struct CSVDialect: Sendable, Equatable {
    public var delimiter: UInt8
    public var lineEnd: [UInt8]
    public var byteOrderMark: Bool
    /// The character between integer and decimals in numbers.
    public var decimalSeparator: UInt8

    /// Whether text a spreadsheet would run as a formula is neutralised (OWASP CSV injection).
    public var neutralisesFormulas: Bool

    /// Whether text a spreadsheet would turn into a number or a date (a code such as `007`,
    /// `1.250`, `3/4` or `1E5`) is written as the formula `="…"`, which every spreadsheet keeps
    /// as that text.
    public var keepsNumberLikeTextAsText = false

    /// RFC 4180 quoting, comma, decimal point, UTF-8 without byte order mark, LF line ends;
    /// text is kept byte for byte.
    public static let standard = CSVDialect(delimiter: 0x2C, lineEnd: [0x0A], byteOrderMark: false, decimalSeparator: 0x2E,
                                            neutralisesFormulas: false)

    /// What Excel and LibreOffice set to Indonesian open directly: `;`, decimal comma, UTF-8
    /// with byte order mark, CRLF; a text cell starting with `=`, `+`, `-`, `@`, tab or CR gets
    /// a leading `'` so it is shown, not executed, and a code that looks like a number or a date
    /// is written `="007"` so it stays the code.
    public static let excelIndonesian = CSVDialect(delimiter: 0x3B, lineEnd: [0x0D, 0x0A], byteOrderMark: true,
                                                   decimalSeparator: 0x2C, neutralisesFormulas: true,
                                                   keepsNumberLikeTextAsText: true)
}

extension CSVDialect: PolicyChoice {
    /// The dialects `--dialect` names, the default first.
    public static let choices: [CSVDialect] = [.standard, .excelIndonesian]

    /// The name in `--dialect` and the manifest: `standar`, `excel-id`, or `lain` for a dialect
    /// that is none of ``choices``.
    public var name: String { naming?.name ?? "lain" }

    public var aliases: [String] { naming?.aliases ?? [] }

    /// What the dialect writes, in words, for the help: "koma, titik desimal, UTF-8 tanpa BOM".
    public var summary: String { naming?.summary ?? "" }

    /// The words of each of ``choices``, kept in one table.
    private var naming: (name: String, aliases: [String], summary: String)? {
        switch self {
        case .standard:
            ("standar", ["standard"], "koma, titik desimal, UTF-8 tanpa BOM")
        case .excelIndonesian:
            ("excel-id", ["excelid", "excel"],
             "titik koma, koma desimal, UTF-8 dengan BOM, CRLF; teks berawalan =, +, -, @ dinetralkan")
        default:
            nil
        }
    }
}
