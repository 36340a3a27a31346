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

/// Builds CSV text into a byte buffer: quoting per RFC 4180, numbers in the dialect.
struct CSVRowBuilder {
    let dialect: CSVDialect
    private(set) var bytes: [UInt8] = []
    private var fieldsInRow = 0
    /// Whether the dialect ends lines with LF alone, the common case, kept as a flag.
    private let lineEndIsLF: Bool

    /// - Parameter byteOrderMark: whether to start with the dialect's byte order mark, if it has
    ///   one; `false` for a builder whose bytes go after a file's first bytes.
    init(dialect: CSVDialect, capacity: Int = 1 << 16, byteOrderMark: Bool = true) {
        self.dialect = dialect
        lineEndIsLF = dialect.lineEnd == [0x0A]
        bytes.reserveCapacity(capacity)
        if byteOrderMark { self.byteOrderMark() }
    }

    /// The dialect's byte order mark, if it has one.
    mutating func byteOrderMark() {
        if dialect.byteOrderMark { bytes += [0xEF, 0xBB, 0xBF] }
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(dialect.delimiter) }
        fieldsInRow += 1
    }

    /// Text cells that were neutralised as possible formulas.
    private(set) var neutralisedCount = 0

    /// A text field, quoted when it holds the delimiter, a quote or a line break; in a dialect
    /// that neutralises formulas, a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` inside the cell.
    mutating func text(_ field: UnsafeBufferPointer<UInt8>) {
        separate()
        var neutralise = false
        if dialect.neutralisesFormulas, let first = field.first {
            neutralise = first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D
        }
        if neutralise { neutralisedCount += 1 }
        let needsQuotes = field.contains { $0 == dialect.delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            if neutralise { bytes.append(0x27) }
            bytes.append(contentsOf: field)
            return
        }
        bytes.append(0x22)
        if neutralise { bytes.append(0x27) }
        for byte in field {
            if byte == 0x22 { bytes.append(0x22) }
            bytes.append(byte)
        }
        bytes.append(0x22)
    }

    /// A text field kept in `store`.
    mutating func text(_ ref: TextRef, in store: TextStore) {
        store.withBytes(ref) { text($0) }
    }

    mutating func text(_ field: String) {
        var field = field
        field.withUTF8 { text($0) }
    }

    /// An exact value with the decimals it needs (`4.88`, `12000`); empty for `nil`.
    mutating func value(_ value: Fraction?) {
        separate()
        guard let value else { return }
        appendDigits(of: value)
    }

    private mutating func appendDigits(of value: Fraction) {
        guard let (units, scale) = value.decimalDigits() else { return appendFormatted(value.decimalText()) }
        appendScaled(units, scale: scale, trimTrailingZeros: true)
    }

    /// A period's target: a value, a range `80-90`, or a grade's name for a grade indicator.
    mutating func target(_ outcome: PeriodOutcome, grades: GradeScale?) {
        guard let upper = outcome.targetUpper, let lower = outcome.target else {
            return actual(outcome.target, grades: grades)
        }
        separate()
        appendDigits(of: lower)
        bytes.append(0x2D)
        appendDigits(of: upper)
    }

    /// A realisation: a value, or a grade's name for a grade indicator.
    mutating func actual(_ value: Fraction?, grades: GradeScale?) {
        guard let grades, let value else { return self.value(value) }
        let rank = Int(exactly: value.rounded(toScale: 0) ?? 0) ?? 0
        text(grades.grade(ofRank: rank) ?? value.decimalText())
    }

    /// An achievement with exactly two decimals; empty for `nil`.
    mutating func achievement(_ achievement: Achievement?) {
        separate()
        guard let achievement else { return }
        appendScaled(Int128(achievement.hundredths), scale: 2, trimTrailingZeros: false)
    }

    mutating func integer(_ value: Int) {
        separate()
        appendScaled(Int128(value), scale: 0, trimTrailingZeros: false)
    }

    /// Digits of `units × 10^-scale` straight into the buffer, without building a `String`.
    private mutating func appendScaled(_ units: Int128, scale: Int, trimTrailingZeros: Bool) {
        guard var remaining = UInt64(exactly: units.magnitude), scale <= 60 else {
            appendFormatted(Fraction.decimalText(units: units, scale: scale, trimTrailingZeros: trimTrailingZeros))
            return
        }
        var fractionDigits = scale
        if trimTrailingZeros {
            while fractionDigits > 0 && remaining % 10 == 0 {
                remaining /= 10
                fractionDigits -= 1
            }
        }
        let separator = dialect.decimalSeparator
        // Least significant digit first, from the end of a small buffer; then copied once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            var position = buffer.count
            var written = 0
            repeat {
                if written == fractionDigits && fractionDigits > 0 {
                    position -= 1
                    buffer[position] = separator
                }
                position -= 1
                buffer[position] = UInt8(truncatingIfNeeded: remaining % 10) &+ 0x30
                remaining /= 10
                written += 1
            } while remaining > 0 || written <= fractionDigits
            if units < 0 {
                position -= 1
                buffer[position] = 0x2D
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position...]))
        }
    }

    /// A number formatted with a decimal point; the separator follows the dialect.
    private mutating func appendFormatted(_ formatted: String) {
        for byte in formatted.utf8 {
            bytes.append(byte == 0x2E ? dialect.decimalSeparator : byte)
        }
    }

    mutating func empty() {
        separate()
    }

    mutating func endRow() {
        if lineEndIsLF {
            bytes.append(0x0A)
        } else {
            bytes.append(contentsOf: dialect.lineEnd)
        }
        fieldsInRow = 0
    }

    mutating func row(_ fields: [String]) {
        for field in fields { text(field) }
        endRow()
    }

    /// Hands the bytes built so far to `sink`.
    func write(into sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { try sink($0) }
    }

    /// Hands the bytes built so far to `sink` and starts over, keeping the capacity.
    mutating func drain(into sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try write(into: sink)
        bytes.removeAll(keepingCapacity: true)
    }
}
