/// One cell of a report table, typed: what a spreadsheet or a document needs to know to show it
/// (a number stays a number, an empty cell stays empty). Every renderer prints cells from here,
/// so a target reads the same in the CSV tables, the workbook and the documents.
public enum ReportCell: Sendable, Equatable {
    /// No value; never 0.
    case empty
    /// Text, shown as written.
    case text(String)
    /// A counter (no, peringkat, jumlah).
    case integer(Int)
    /// An exact target or realisation, printed with the decimals it needs.
    case value(Fraction)
    /// A range target, `30-33`.
    case range(Fraction, Fraction)
    /// A capaian, progres or share, always with two decimals.
    case achievement(Achievement)

    /// A period's target: a value, a range, or a grade's name for a grade indicator.
    public static func target(of outcome: PeriodOutcome, grades: GradeScale?) -> ReportCell {
        if let lower = outcome.target, let upper = outcome.targetUpper { return .range(lower, upper) }
        return actual(outcome.target, grades: grades)
    }

    /// A realisation (or a single target): a value, or a grade's name for a grade indicator,
    /// whose values are ranks.
    public static func actual(_ value: Fraction?, grades: GradeScale?) -> ReportCell {
        guard let value else { return .empty }
        guard let grades else { return .value(value) }
        let rank = Int(exactly: value.rounded(toScale: 0) ?? 0) ?? 0
        return .text(grades.grade(ofRank: rank) ?? value.decimalText())
    }

    /// The cell as the default CSV dialect prints it: `85.00`, `12000`, `4.88`, `30-33`.
    public var plainText: String {
        switch self {
        case .empty: ""
        case .text(let text): text
        case .integer(let value): String(value)
        case .value(let value): value.decimalText()
        case .range(let lower, let upper): lower.decimalText() + "-" + upper.decimalText()
        case .achievement(let value): value.description
        }
    }

    /// The cell as an Indonesian reader expects it in a document (id-ID): decimal comma and a
    /// dot between thousands (`85,25`, `12.000`, `1.234,56`, a range `32,5-35`).
    public var indonesianText: String {
        switch self {
        case .value(let value): Self.indonesian(value.decimalText())
        case .range(let lower, let upper): Self.indonesian(lower.decimalText()) + "-" + Self.indonesian(upper.decimalText())
        case .achievement(let value): Self.indonesian(value.description)
        default: plainText
        }
    }

    /// A number as the default dialect prints it (`-1234.5`) written the id-ID way (`-1.234,5`).
    public static func indonesian(_ plain: String) -> String {
        if let text = plain.utf8.withContiguousStorageIfAvailable(indonesianASCII), let text { return text }
        return indonesianByCharacters(plain)
    }

    /// ``indonesian(_:)`` character by character, for any text.
    static func indonesianByCharacters(_ plain: String) -> String {
        let negative = plain.hasPrefix("-")
        let unsigned = negative ? plain.dropFirst() : Substring(plain)
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, whole.allSatisfy(\.isNumber) else { return plain }
        var grouped = ""
        for (offset, digit) in whole.enumerated() {
            if offset > 0 && (whole.count - offset) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + (parts.count > 1 ? "," + parts[1] : "")
    }

    /// ``indonesian(_:)`` over bytes, for ASCII text (every number lakip prints); `nil` for other
    /// text, where a digit may be more than a byte.
    private static func indonesianASCII(_ plain: UnsafeBufferPointer<UInt8>) -> String? {
        guard plain.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        let negative = plain.first == 0x2D
        let start = negative ? 1 : 0
        let point = plain[start...].firstIndex(of: 0x2E) ?? plain.count
        let whole = plain[start..<point]
        guard whole.allSatisfy(isDigit) else { return String(decoding: plain, as: UTF8.self) }
        var text: [UInt8] = []
        text.reserveCapacity(plain.count + plain.count / 3 + 1)
        if negative { text.append(0x2D) }
        for (offset, digit) in whole.enumerated() {
            if offset > 0 && (whole.count - offset) % 3 == 0 { text.append(0x2E) }
            text.append(digit)
        }
        if point < plain.count {
            text.append(0x2C)
            text.append(contentsOf: plain[(point + 1)...])
        }
        return String(decoding: text, as: UTF8.self)
    }

    init(_ value: Fraction?) {
        self = value.map(ReportCell.value) ?? .empty
    }

    init(_ value: Achievement?) {
        self = value.map(ReportCell.achievement) ?? .empty
    }

    init(text: String?) {
        guard let text, !text.isEmpty else {
            self = .empty
            return
        }
        self = .text(text)
    }
}
