/// One cell of a materialised report table: what a spreadsheet or a document needs to know to
/// show it (a number stays a number, an empty cell stays empty).
public enum ReportCell: Sendable, Equatable {
    /// No value; never 0.
    case empty
    /// Text, shown as written.
    case text(String)
    /// A counter (no, peringkat, jumlah).
    case integer(Int)
    /// An exact target or realisation, printed with the decimals it needs.
    case value(Fraction)
    /// A capaian, progres or share, always with two decimals.
    case achievement(Achievement)

    /// The cell as the default CSV dialect prints it: `85.00`, `12000`, `4.88`.
    public var plainText: String {
        switch self {
        case .empty: ""
        case .text(let text): text
        case .integer(let value): String(value)
        case .value(let value): value.decimalText()
        case .achievement(let value): value.description
        }
    }

    /// The cell as an Indonesian reader expects it in a document: decimal comma, no thousands
    /// separator (`85,25`, `12000`).
    public var indonesianText: String {
        switch self {
        case .value, .achievement: String(plainText.map { $0 == "." ? "," : $0 })
        default: plainText
        }
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

/// A report table held in memory: a name, a header and rows of typed cells.
public struct ReportTable: Sendable {
    /// The table's name: the CSV file's name without `.csv`, and the sheet's name in the workbook.
    public var name: String
    public var header: [String]
    public var rows: [[ReportCell]]
}

/// One indicator's results, as the HTML and Markdown reports lay them out.
public struct IndicatorResult: Sendable {
    public var number: Int
    public var objectiveCode: String
    public var objective: String
    public var code: String
    public var name: String
    public var unit: String
    public var polarity: Polarity
    public var aggregation: Aggregation
    /// The grade scale of a grade indicator, whose values are then ranks.
    public var grades: GradeScale?
    public var evaluation: IndicatorEvaluation
    /// keterangan of the annual measurement.
    public var notes: String

    /// A period's target as the CSV tables print it: a value, a range `30-33`, or a grade.
    public func target(_ outcome: PeriodOutcome) -> ReportCell {
        if let lower = outcome.target, let upper = outcome.targetUpper {
            return .text(ReportCell.value(lower).plainText + "-" + ReportCell.value(upper).plainText)
        }
        return actual(outcome.target)
    }

    /// A realisation as the CSV tables print it: a value, or a grade's name.
    public func actual(_ value: Fraction?) -> ReportCell {
        guard let value else { return .empty }
        guard let grades else { return .value(value) }
        let rank = value.rounded(toScale: 0).flatMap { Int(exactly: $0) } ?? 0
        return .text(grades.grade(ofRank: rank) ?? value.decimalText())
    }
}

/// One OPD's indicators and its roll-up.
public struct AgencyResult: Sendable {
    public var code: String
    public var name: String
    /// 1 for the best mean capaian (rekap_opd.csv's peringkat).
    public var rank: Int
    public var summary: AgencySummary
    public var indicators: [IndicatorResult]
}

/// The results of one year, gathered per OPD for the documents that lay the whole year out at
/// once (HTML, Markdown). The tables themselves come from the CSV writer (see
/// ``WrittenTables``); this model uses the same ``Evaluator`` and ``AgencySummary`` so both
/// always agree.
public struct YearReport: Sendable {
    public var year: Int
    public var policy: Policy
    /// Agencies in rank order.
    public var agencies: [AgencyResult]
    /// The Pemda-wide row of rekap_opd.csv.
    public var overall: AgencySummary

    /// Evaluates every indicator of `year` in `dataset`.
    ///
    /// - Complexity: O(indicators of the year), plus sorting the agencies.
    public init(dataset: Dataset, year: Int, policy: Policy) {
        self.year = year
        self.policy = policy
        let text = dataset.text
        let evaluator = Evaluator(policy: policy)
        var indicatorsByAgency: [Int: [IndicatorResult]] = [:]
        var summaries: [Int: AgencySummary] = [:]
        for indicator in dataset.indicators where indicator.year == year {
            let evaluation = evaluator.evaluate(indicator)
            let number = (indicatorsByAgency[indicator.agency]?.count ?? 0) + 1
            summaries[indicator.agency, default: AgencySummary(agency: indicator.agency,
                                                               categoryCount: policy.scale.labels.count)]
                .add(evaluation, of: indicator, policy: policy)
            indicatorsByAgency[indicator.agency, default: []].append(IndicatorResult(
                number: number, objectiveCode: text.string(indicator.objectiveCode),
                objective: text.string(indicator.objective), code: text.string(indicator.code),
                name: text.string(indicator.name), unit: text.string(indicator.unit), polarity: indicator.polarity,
                aggregation: indicator.aggregation, grades: indicator.gradeScale.map { dataset.gradeScales[$0] },
                evaluation: evaluation,
                notes: (evaluation.indicatorNotes + evaluation.year.notes).joined(separator: "; ")))
        }
        let ranked = AgencySummary.ranked(Array(summaries.values)) { text.string(dataset.agencies[$0].code) }
        agencies = ranked.enumerated().map { position, summary in
            let agency = dataset.agencies[summary.agency]
            return AgencyResult(code: text.string(agency.code), name: text.string(agency.name), rank: position + 1,
                                summary: summary, indicators: indicatorsByAgency[summary.agency] ?? [])
        }
        overall = AgencySummary.total(of: ranked)
    }
}
