/// What one year's reports are computed for (SPEC §4.1): the year to date through a quarter.
///
/// Planners run the tool every quarter. A run as of TW1–TW3 is a quarterly report: its headline
/// is the achievement to date against the plan to date (the Rencana Aksi quarter targets), with
/// progres against the annual PK target beside it. A run as of TW4 is the complete year: its
/// headline is the annual achievement against the PK target. Each period has a folder of its
/// own, so the quarterly reports of a year sit beside its annual report.
public struct ReportPeriod: Sendable, Hashable {
    public var year: Int
    /// The last quarter whose realisations count.
    public var through: Quarter
    /// How the quarter was chosen.
    public var reason: Reason

    /// Why a year is reported through its quarter.
    public enum Reason: Sendable, Hashable {
        /// Named with `--as-of`.
        case asOf
        /// The latest quarter of the year with a realisation.
        case latestRealisation
        /// The year has no realisation yet: reported as of TW1, the first quarter due.
        case noRealisation
    }

    public init(year: Int, through: Quarter, reason: Reason = .asOf) {
        self.year = year
        self.through = through
        self.reason = reason
    }

    /// Whether this is the complete year (TW4): the annual LAKIP.
    public var isCompleteYear: Bool { through == .tw4 }

    /// The period the headline figures cover: the year, or s.d. TWn.
    public var headline: Period { isCompleteYear ? .year : .throughQuarter(through) }

    /// The `periode` column: `TAHUNAN` or `s.d. TW2`.
    public var label: String { headline.label }

    /// The folder relative to the output folder: `2025` for the year, `2025/TW2` for a quarter.
    public var folder: String { isCompleteYear ? String(year) : "\(year)/\(through.label)" }

    /// "Laporan Kinerja Tahun 2025" or "Laporan Kinerja Triwulan II Tahun 2025 (s.d. TW II)".
    public var title: String { "Laporan Kinerja " + name + (isCompleteYear ? "" : " (s.d. TW \(through.roman))") }

    /// "Tahun 2025" or "Triwulan II Tahun 2025".
    public var name: String { isCompleteYear ? "Tahun \(year)" : "Triwulan \(through.roman) Tahun \(year)" }

    /// What the headline capaian is called in a document: "Capaian tahunan" or "Capaian s.d. TW II".
    public var headlineName: String { isCompleteYear ? "Capaian tahunan" : "Capaian s.d. TW \(through.roman)" }

    /// The report period of each of `years`: `asOf` when given, else the latest quarter of that
    /// year with any realisation (reported or conflicting). A year with no realisation at all is
    /// reported as of TW1, the first quarter due.
    public static func periods(of years: [Int], in dataset: Dataset, asOf: Quarter?) -> [ReportPeriod] {
        if let asOf { return years.map { ReportPeriod(year: $0, through: asOf, reason: .asOf) } }
        var latest: [Int: Quarter] = [:]
        // Indicators come year by year: each run of one year finds its latest quarter on its own,
        // and once it has a TW4 realisation the rest of it cannot change the answer.
        var runYear = Int.min, runLatest: Quarter?
        func endRun() {
            guard let quarter = runLatest else { return }
            if latest[runYear].map({ quarter > $0 }) ?? true { latest[runYear] = quarter }
        }
        for index in dataset.indicators.indices {
            let year = dataset.indicators[index].year
            if year != runYear {
                endRun()
                runYear = year
                runLatest = nil
            } else if runLatest == .tw4 {
                continue
            }
            let actuals = dataset.indicators[index].actuals
            guard let last = actuals.indices.last(where: { actuals[$0] != .unreported }) else { continue }
            let quarter = Quarter.allCases[last]
            if runLatest.map({ quarter > $0 }) ?? true { runLatest = quarter }
        }
        endRun()
        return years.map { year in
            latest[year].map { ReportPeriod(year: year, through: $0, reason: .latestRealisation) }
                ?? ReportPeriod(year: year, through: .tw1, reason: .noRealisation)
        }
    }

    /// The sentence `validasi.csv` and the run's summary give: which period a year was computed
    /// for, why, and where it was written.
    public var description: String {
        let reason = switch self.reason {
        case .asOf: "--as-of \(through.label)"
        case .latestRealisation: "triwulan terakhir yang memuat realisasi: \(through.label)"
        case .noRealisation: "belum ada realisasi tahun itu (dilaporkan sebagai \(through.label))"
        }
        let kind = isCompleteYear ? "laporan tahunan" : "laporan triwulan \(through.roman) (s.d. TW \(through.roman))"
        return "Tahun \(year): \(kind), karena \(reason); ditulis ke folder \(folder)/."
    }
}
