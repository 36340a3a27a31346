/// Which field of a file holds which ``Column``, read from the file's header line.
struct HeaderMap {
    /// The header cells as the file writes them, for messages.
    let names: [String]
    /// The header cells without surrounding spaces, as messages name a column: made once, for
    /// a file can have a problem in every row.
    private let trimmedNames: [String]
    /// Field index per column ordinal (-1: absent); read for every cell, so an array, not a
    /// dictionary.
    private var positions = [Int](repeating: -1, count: Column.ordinalCount)
    /// The column each header cell holds (`nil`: empty, unknown or a repeat), for the cells a
    /// short row lacks.
    private(set) var columnsByField: [Column?]
    /// Header cells no column matches.
    private(set) var unknown: [String] = []
    /// Columns named twice; the first is used.
    private(set) var repeated: [String] = []

    /// - Parameter aliases: extra spellings for this export (header text → canonical name),
    ///   tried before the built-in ones.
    init(header: [String], aliases: [String: String] = [:]) {
        names = header
        trimmedNames = header.map(\.trimmingSpaces)
        columnsByField = [Column?](repeating: nil, count: header.count)
        let custom = Dictionary(aliases.map { (TermParsing.normalizedKey($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        for (index, name) in header.enumerated() {
            let trimmed = name.trimmingSpaces
            if trimmed.isEmpty { continue }
            let aliased = custom[TermParsing.normalizedKey(trimmed)].flatMap(Column.named)
            guard let column = aliased ?? Column.named(trimmed) else {
                unknown.append(trimmed)
                continue
            }
            if positions[column.ordinal] < 0 {
                positions[column.ordinal] = index
                columnsByField[index] = column
            } else {
                repeated.append(trimmed)
            }
        }
    }

    @inline(__always)
    subscript(column: Column) -> Int? {
        let position = positions[column.ordinal]
        return position < 0 ? nil : position
    }

    @inline(__always)
    func has(_ column: Column) -> Bool { positions[column.ordinal] >= 0 }

    /// The header text of `column` as the file writes it, or its canonical name.
    func name(of column: Column) -> String {
        self[column].map { trimmedNames[$0] } ?? column.canonicalName
    }

    var hasTargetColumns: Bool {
        has(.annualTarget) || Quarter.allCases.contains { has(.quarterTarget($0)) }
    }

    var hasWideActualColumns: Bool { Quarter.allCases.contains { has(.quarterActual($0)) } }

    var hasBareQuarterColumns: Bool { Quarter.allCases.contains { has(.bareQuarter($0)) } }

    /// realisasi_jan … realisasi_des, or any of them.
    var hasWideMonthColumns: Bool { Month.allCases.contains { has(.monthActual($0)) } }

    /// A realisasi column beside triwulan or bulan: one row per indicator and quarter or month.
    var hasLongActualColumns: Bool { (has(.quarter) || has(.month)) && has(.actual) }

    /// Gives bare "TW I" columns their meaning: targets in a target file without explicit
    /// target quarter columns, realisations in a realisation file.
    ///
    /// - Returns: `false` when they cannot be told apart (a file with both kinds).
    mutating func resolveBareQuarters(asTargets: Bool) -> Bool {
        guard hasBareQuarterColumns else { return true }
        if asTargets && Quarter.allCases.contains(where: { has(.quarterTarget($0)) }) { return false }
        if !asTargets && hasWideActualColumns { return false }
        for quarter in Quarter.allCases {
            guard let index = self[.bareQuarter(quarter)] else { continue }
            positions[Column.bareQuarter(quarter).ordinal] = -1
            let column: Column = asTargets ? .quarterTarget(quarter) : .quarterActual(quarter)
            positions[column.ordinal] = index
            columnsByField[index] = column
        }
        return true
    }

    /// The number of cells in the header line.
    var fieldCount: Int { names.count }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\u{A0}" || $0 == "\u{FEFF}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
