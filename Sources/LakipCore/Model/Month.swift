/// A month of the budget year (bulan), for the exports that record realisations monthly.
///
/// Months never reach the computation: the loader folds them into their ``Quarter`` by the
/// indicator's agregasi (SPEC §8), so a month is an input term, like a quarter's spelling.
public enum Month: Int, CaseIterable, Sendable, Comparable, Hashable {
    case january = 1, february, march, april, may, june, july, august, september, october, november, december

    /// The index of the month in 0-based storage.
    var index: Int { rawValue - 1 }

    /// The quarter the month belongs to: January–March are TW1, … October–December TW4.
    public var quarter: Quarter { Quarter(rawValue: (rawValue - 1) / 3 + 1)! }

    /// The Indonesian name messages use: `Januari` … `Desember`.
    public var label: String {
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"][index]
    }

    /// The short name of the canonical wide columns: `jan` … `des` (`realisasi_jan`).
    public var abbreviation: String {
        ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"][index]
    }

    public static func < (lhs: Month, rhs: Month) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Quarter {
    /// The three months of the quarter, in calendar order.
    public var months: [Month] { (1...3).map { Month(rawValue: index * 3 + $0)! } }
}
