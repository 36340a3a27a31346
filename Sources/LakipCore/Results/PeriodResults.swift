/// Everything computed for one report period of one year (SPEC §4, §4.1): the roll-ups per OPD
/// and sasaran, the budget, the OPD ranking with the Pemda total and completeness, and, when a
/// renderer lays the whole period out at once, every indicator's result.
///
/// Renderers (the CSV tables, the workbook, the HTML and Markdown documents) read this value and
/// compute nothing. The per-indicator tables are rendered while ``PeriodComputation`` streams
/// the indicators, so a national run never holds a million evaluations at once.
public struct PeriodResults: Sendable {
    public var period: ReportPeriod
    public var policy: Policy
    public var dataset: Dataset
    public var rollups: PeriodRollups
    /// Agencies ranked by mean headline capaian (rekap_opd.csv's order).
    public var ranking: [AgencySummary]
    /// The Pemda-wide row of rekap_opd.csv.
    public var total: AgencySummary
    /// The Pemda ranked (rekap_pemda.csv), when the data name Pemda; each summary's `agency` is
    /// an index in ``Dataset/pemdas``.
    public var pemdaRanking: [AgencySummary]
    /// Every indicator's result in PK order, when the computation was asked to keep them
    /// (``PeriodComputation/keepsIndicators``); empty otherwise.
    public var indicators: [IndicatorResult]

    /// One OPD with its rank, roll-up and indicators, for documents that lay an OPD out whole.
    public struct AgencyResult: Sendable {
        /// Index in ``Dataset/agencies``.
        public var agency: Int
        public var code: String
        public var name: String
        /// Its Pemda's code and name, when the data name Pemda.
        public var pemdaCode: String?
        public var pemdaName: String?
        /// 1 for the best mean capaian (rekap_opd.csv's peringkat).
        public var rank: Int
        public var summary: AgencySummary
        /// Its indicators in PK order.
        public var indicators: [IndicatorResult]
    }

    /// The agencies in rank order, each with its kept indicators.
    public var agencies: [AgencyResult] {
        var byAgency: [Int: [IndicatorResult]] = [:]
        for result in indicators { byAgency[result.indicator.agency, default: []].append(result) }
        return ranking.enumerated().map { position, summary in
            let agency = dataset.agencies[summary.agency], pemda = dataset.pemda(ofAgency: summary.agency)
            return AgencyResult(agency: summary.agency, code: text(agency.code), name: text(agency.name),
                                pemdaCode: pemda.map { text($0.code) }, pemdaName: pemda.map { text($0.name) }, rank: position + 1,
                                summary: summary, indicators: byAgency[summary.agency] ?? [])
        }
    }

    /// `agencies` grouped by the index of their Pemda in ``Dataset/pemdas``, each group in the
    /// order given (rank order for ``agencies``); agencies without a Pemda are left out.
    public func byPemda(_ agencies: [AgencyResult]) -> [Int: [AgencyResult]] {
        Dictionary(grouping: agencies.filter { dataset.agencies[$0.agency].pemda != nil }) { dataset.agencies[$0.agency].pemda! }
    }

    /// The text of `ref`.
    public func text(_ ref: TextRef) -> String { dataset.text.string(ref) }
}
