/// The roll-ups of one report period (SPEC §4): per OPD and per sasaran the indicators, their
/// headline capaian, kategori counts and data completeness; the budget beside them; the OPD
/// ranking and the Pemda total.
///
/// Fed one indicator at a time in PK order; a province has hundreds of thousands of sasaran, so
/// the sasaran summaries sit in an array and a table maps a key to a position. What is kept per
/// OPD or Pemda sits in arrays by its index in the dataset, read for every indicator without
/// hashing.
public struct PeriodRollups: Sendable {
    private let policy: Policy
    private let through: Quarter
    /// Per agency (by index in ``Dataset/agencies``), once it has an indicator: its summary
    /// and which realisations came in for each quarter of the period (SPEC §8).
    private var agencies: [AgencyRollup?] = []
    /// Agencies in order of first appearance (PK order).
    public private(set) var agencyOrder: [Int] = []
    /// Per agency, its sasaran's positions in ``objectives``, in PK order.
    // Int32 positions: a national run has a quarter of a million sasaran.
    private var objectiveOrder: [Int: [Int32]] = [:]
    private var objectivePositions: [ObjectiveKey: Int32] = [:]
    /// The sasaran of the indicator before and its position: indicators come sasaran by
    /// sasaran, so most find theirs here without a look-up.
    private var lastObjective: (key: ObjectiveKey, position: Int)?
    /// Every sasaran summary, in order of first appearance.
    public private(set) var objectives: [AgencySummary] = []
    private var agencyBudgets: [Int: BudgetSummary] = [:]
    /// Per position in ``objectives``, the budget of that sasaran, if any.
    private var objectiveBudgets: [BudgetSummary?] = []
    /// Per agency, its Pemda's index (-1: none), and per Pemda (by index in ``Dataset/pemdas``)
    /// its roll-up (SPEC §8).
    private let agencyPemdas: [Int32]
    private var pemdaSummaries: [AgencySummary?] = []

    private struct AgencyRollup: Sendable {
        var summary: AgencySummary
        var completeness = QuarterlyCompleteness()
    }

    /// The realisations an agency reported per quarter against those expected: one per
    /// indicator and quarter through the period's last.
    public struct QuarterlyCompleteness: Sendable {
        /// Indicators expected to report, per quarter (all of the agency's indicators).
        public var expected = 0
        /// Per quarter TW1…TW4: realisations received (a conflicting one was received too).
        public var reported = Quarterly(repeating: 0)
        /// Per quarter: the codes of the indicators not yet reported, the first
        /// ``missingCodeLimit`` of them; ``missingCount(in:)`` counts them all.
        public var missingCodes: Quarterly<[TextRef]> = Quarterly(repeating: [])

        /// How many codes a quarter's list keeps: enough to act on, bounded for a province.
        public static let missingCodeLimit = 20

        public func missingCount(in quarter: Quarter) -> Int { expected - reported[quarter.index] }
    }

    private struct ObjectiveKey: Hashable, Sendable {
        var objective: TextRef
        var agency: Int32
    }

    /// - Parameter agencyPemdas: per agency, its Pemda's index, or -1; empty when the data
    ///   name no Pemda.
    init(policy: Policy, through: Quarter, agencyPemdas: [Int32] = []) {
        self.policy = policy
        self.through = through
        self.agencyPemdas = agencyPemdas
    }

    /// What the roll-ups need of one evaluated indicator.
    struct Facts: Sendable {
        var achievement: Achievement?
        var reportedQuarters: Int

        init(_ evaluation: borrowing IndicatorEvaluation) {
            achievement = evaluation.headline.achievement
            reportedQuarters = evaluation.reportedQuarterCount
        }
    }

    mutating func add(_ indicator: Indicator, _ facts: Facts) {
        let categories = policy.scale.labelCount
        let agency = indicator.agency
        let firstOfAgency = Self.fill(&agencies, at: agency,
                                      with: AgencyRollup(summary: AgencySummary(agency: agency, categoryCount: categories)))
        if firstOfAgency { agencyOrder.append(agency) }
        agencies[agency]!.completeness.add(indicator, through: through)
        agencies[agency]!.summary.add(achievement: facts.achievement, reportedQuarters: facts.reportedQuarters,
                                      weight: indicator.weight, policy: policy, through: through)
        if agency < agencyPemdas.count, agencyPemdas[agency] >= 0 {
            let pemda = Int(agencyPemdas[agency])
            Self.fill(&pemdaSummaries, at: pemda, with: AgencySummary(agency: pemda, categoryCount: categories))
            pemdaSummaries[pemda]!.add(achievement: facts.achievement, reportedQuarters: facts.reportedQuarters,
                                       weight: indicator.weight, policy: policy, through: through)
        }
        let key = ObjectiveKey(objective: indicator.objectiveCode.isEmpty ? indicator.objective : indicator.objectiveCode,
                               agency: Int32(agency))
        let position: Int
        if let last = lastObjective, last.key == key {
            position = last.position
        } else if let known = objectivePositions[key] {
            position = Int(known)
        } else {
            position = objectives.count
            objectivePositions[key] = Int32(position)
            objectives.append(AgencySummary(agency: agency, categoryCount: categories, objective: indicator))
            objectiveOrder[agency, default: []].append(Int32(position))
        }
        lastObjective = (key, position)
        objectives[position].add(achievement: facts.achievement, reportedQuarters: facts.reportedQuarters,
                                 weight: indicator.weight, policy: policy, through: through)
        guard indicator.budgetCeiling != nil || indicator.budgetActuals.contains(where: { $0 != nil }) else { return }
        agencyBudgets[indicator.agency, default: BudgetSummary(categoryCount: categories)]
            .add(indicator, achievement: facts.achievement, reportedQuarters: facts.reportedQuarters, policy: policy,
                 through: through)
        Self.fill(&objectiveBudgets, at: position, with: BudgetSummary(categoryCount: categories))
        objectiveBudgets[position]!.add(indicator, achievement: facts.achievement, reportedQuarters: facts.reportedQuarters,
                                        policy: policy, through: through)
    }

    /// Gives `array` a slot `index`, the slots it adds empty, and fills it with `value` if it is
    /// empty; says whether it was.
    @discardableResult
    private static func fill<Element>(_ array: inout [Element?], at index: Int, with value: @autoclosure () -> Element)
        -> Bool {
        if index >= array.count { array += repeatElement(nil, count: index + 1 - array.count) }
        guard array[index] == nil else { return false }
        array[index] = value()
        return true
    }

    /// Which realisations `agency` sent per quarter through the period's last.
    public func completeness(of agency: Int) -> QuarterlyCompleteness? {
        agency < agencies.count ? agencies[agency]?.completeness : nil
    }

    /// The summary of `agency`.
    public func summary(of agency: Int) -> AgencySummary? {
        agency < agencies.count ? agencies[agency]?.summary : nil
    }

    /// The sasaran of `agency` in PK order, as positions in ``objectives``.
    public func objectivePositions(of agency: Int) -> [Int] { objectiveOrder[agency]?.map(Int.init) ?? [] }

    /// The budget summary of `agency`, when any of its indicators carries a budget.
    public func budget(of agency: Int) -> BudgetSummary? { agencyBudgets[agency] }

    /// The budget summary of the sasaran at `position` in ``objectives``, if any.
    public func budget(ofObjectiveAt position: Int) -> BudgetSummary? {
        position < objectiveBudgets.count ? objectiveBudgets[position] : nil
    }

    /// Agencies ranked by weighted mean capaian, highest first, unmeasured last, ties by code
    /// (by kode_pemda, then kode_opd, when the data name Pemda).
    public func ranked(in dataset: Dataset) -> [AgencySummary] {
        AgencySummary.ranked(agencies.compactMap { $0?.summary }) { agency in
            let code = dataset.text.string(dataset.agencies[agency].code)
            guard let pemda = dataset.pemda(ofAgency: agency) else { return code }
            return dataset.text.string(pemda.code) + "\u{1E}" + code
        }
    }

    /// The Pemda ranked by the same rule as the agencies (rekap_pemda.csv): each summary's
    /// ``AgencySummary/agency`` is then the index in ``Dataset/pemdas``.
    public func rankedPemdas(in dataset: Dataset) -> [AgencySummary] {
        AgencySummary.ranked(pemdaSummaries.compactMap { $0 }) { dataset.text.string(dataset.pemdas[$0].code) }
    }
}

extension PeriodRollups.QuarterlyCompleteness {
    mutating func add(_ indicator: Indicator, through: Quarter) {
        expected += 1
        for quarter in Quarter.allCases where quarter <= through {
            if indicator.actuals[quarter.index] != .unreported {
                reported[quarter.index] += 1
            } else if missingCodes[quarter.index].count < Self.missingCodeLimit {
                missingCodes[quarter.index].append(indicator.code)
            }
        }
    }
}
