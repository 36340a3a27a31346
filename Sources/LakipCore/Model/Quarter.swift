/// A quarter of the budget year (triwulan).
public enum Quarter: Int, CaseIterable, Sendable, Comparable, Hashable {
    case tw1 = 1, tw2, tw3, tw4

    /// The index of the quarter in 0-based storage.
    var index: Int { rawValue - 1 }

    /// The label used in reports: `TW1` … `TW4`. Literals, not built from the number: the long
    /// table writes a label on most of its rows.
    public var label: String {
        switch self {
        case .tw1: "TW1"
        case .tw2: "TW2"
        case .tw3: "TW3"
        case .tw4: "TW4"
        }
    }

    /// The Roman numeral titles use: `I` … `IV` ("Triwulan II", "s.d. TW II").
    public var roman: String { ["I", "II", "III", "IV"][index] }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A reporting period: one quarter, a semester, the year, or the year to date.
public enum Period: Sendable, Hashable {
    case quarter(Quarter)
    case semester1
    case semester2
    case year
    /// "s.d. TWn": from TW1 through the given quarter.
    case throughQuarter(Quarter)

    /// The quarters whose values the period combines.
    public var quarters: ClosedRange<Int> {
        switch self {
        case .quarter(let q): q.rawValue...q.rawValue
        case .semester1: 1...2
        case .semester2: 3...4
        case .year: 1...4
        case .throughQuarter(let q): 1...q.rawValue
        }
    }

    /// The label used in the long table (`capaian.csv`) and in notes.
    public var label: String {
        switch self {
        case .quarter(let q): q.label
        case .semester1: "S1"
        case .semester2: "S2"
        case .year: "TAHUNAN"
        case .throughQuarter(.tw1): "s.d. TW1"
        case .throughQuarter(.tw2): "s.d. TW2"
        case .throughQuarter(.tw3): "s.d. TW3"
        case .throughQuarter(.tw4): "s.d. TW4"
        }
    }

    /// The periods of the long table, in its order.
    public static let reported: [Period] = Quarter.allCases.map { .quarter($0) } + [.semester1, .semester2, .year]
}
