/// Computes every period of an indicator under a ``Policy`` (SPEC §4).
public struct Evaluator: Sendable {
    public var policy: Policy
    /// The last quarter whose realisations count: the report period's (SPEC §4.1).
    public var through: Quarter
    /// The input files' names (``Dataset/files``), so that a note about two rows in two files
    /// names both; without them only the lines are given.
    public var sourceFileNames: [String] = []

    /// - Parameter through: the report period's last quarter; `nil` takes the policy's
    ///   `--as-of`, else TW4.
    public init(policy: Policy = Policy(), through: Quarter? = nil) {
        self.policy = policy
        self.through = through ?? policy.lastQuarter
    }

    /// Evaluates one indicator: quarters, semesters, the year, and progress to date.
    ///
    /// - Complexity: O(1): a handful of exact operations per period.
    public func evaluate(_ indicator: Indicator) -> IndicatorEvaluation {
        var indicatorNotes: [String] = []
        if indicator.aggregationInferred { indicatorNotes.append("agregasi disimpulkan: \(indicator.aggregation.label)") }
        if indicator.annualTargetDerived { indicatorNotes.append("target tahunan diturunkan dari target triwulan") }
        if let line = indicator.conflictingTargetLine {
            // Two target rows disagree: nothing is computed rather than picking one.
            return IndicatorEvaluation(
                quarters: Quarterly(byQuarter: { PeriodOutcome(period: .quarter($0)) }),
                semesters: [PeriodOutcome(period: .semester1), PeriodOutcome(period: .semester2)],
                year: PeriodOutcome(period: .year, through: through),
                progress: Quarterly(byQuarter: { PeriodOutcome(period: .throughQuarter($0)) }),
                indicatorNotes: indicatorNotes + ["target ganda bertentangan (\(conflictPlaces(indicator, line)))"],
                toDate: through == .tw4 ? nil : PeriodOutcome(period: .throughQuarter(through), through: through))
        }
        let targets = indicator.quarterTargets
        let quarters = Quarterly(byQuarter: { outcome(.quarter($0), target: targets[$0.index], of: indicator) })
        let semesters = [
            outcome(.semester1, target: combinedTarget(targets[0..<2], indicator), of: indicator),
            outcome(.semester2, target: combinedTarget(targets[2..<4], indicator), of: indicator),
        ]
        let annual = indicator.annualTarget.map(PeriodTarget.init)
        let year = outcome(.year, target: annual, of: indicator)
        // Progress to TW4 takes the year's quarters against the year's target: it is the year's
        // outcome under the other period's name, and is not worked out twice.
        var progressToYearEnd = year
        progressToYearEnd.period = .throughQuarter(.tw4)
        let progress = Quarterly(byQuarter: { quarter in
            quarter == .tw4 ? progressToYearEnd : outcome(.throughQuarter(quarter), target: annual, of: indicator)
        })
        let renstra = indicator.renstraTarget.map { outcome(.year, target: PeriodTarget($0), of: indicator) }
        return IndicatorEvaluation(quarters: quarters, semesters: semesters, year: year, progress: progress,
                                   indicatorNotes: indicatorNotes, renstra: renstra,
                                   toDate: through == .tw4 ? nil : toDate(of: indicator))
    }

    /// "baris 2 dan 5" within one file; "target_a.csv baris 2 dan target_b.csv baris 2" across two.
    private func conflictPlaces(_ indicator: Indicator, _ line: Int32) -> String {
        let first = indicator.sourceFile, second = indicator.conflictingTargetFile ?? first
        guard first != second, sourceFileNames.indices.contains(first), sourceFileNames.indices.contains(second) else {
            return "baris \(indicator.sourceLine) dan \(line)"
        }
        return "\(sourceFileNames[first]) baris \(indicator.sourceLine) dan \(sourceFileNames[second]) baris \(line)"
    }

    /// The headline of a quarterly report (SPEC §4.1): the realisation s.d. the period's quarter
    /// against the Rencana Aksi target s.d. that quarter (the quarter targets combined by the
    /// indicator's agregasi). Without any quarter target there is nothing to compare with: the
    /// capaian stays empty and is noted `target-triwulan-kosong`.
    private func toDate(of indicator: Indicator) -> PeriodOutcome {
        let quarters = indicator.quarterTargets.prefix(through.rawValue)
        let target = combinedTarget(quarters, indicator)
        var result = outcome(.throughQuarter(through), target: target, of: indicator)
        if target == nil {
            result.facts.remove(.noTarget)
            result.facts.insert(.noQuarterTargets)
        }
        return result
    }

    /// A period's target as exact bounds (equal for a single value).
    struct PeriodTarget {
        var lower: Fraction
        var upper: Fraction

        init(_ value: TargetValue) {
            lower = value.lower.fraction
            upper = value.upper.fraction
        }

        init(lower: Fraction, upper: Fraction) {
            self.lower = lower
            self.upper = upper
        }
    }

    private func outcome(_ period: Period, target: TargetValue?, of indicator: Indicator) -> PeriodOutcome {
        outcome(period, target: target.map(PeriodTarget.init), of: indicator)
    }

    /// Quarter targets combined by the indicator's agregasi, bound by bound, over the quarters
    /// that have one; `nil` when none has.
    private func combinedTarget(_ targets: some Sequence<TargetValue?>, _ indicator: Indicator) -> PeriodTarget? {
        var lower = Aggregation.Accumulator(indicator.aggregation)
        var upper = Aggregation.Accumulator(indicator.aggregation)
        for target in targets {
            guard let target else { continue }
            lower.add(target.lower.fraction)
            upper.add(target.upper.fraction)
        }
        guard let low = lower.result, let high = upper.result else { return nil }
        return PeriodTarget(lower: low, upper: high)
    }

    /// One period: the realisation combined over its reported quarters, and the achievement.
    func outcome(_ period: Period, target: PeriodTarget?, of indicator: Indicator) -> PeriodOutcome {
        var result = PeriodOutcome(period: period, target: target?.lower)
        if let target, target.lower != target.upper { result.targetUpper = target.upper }
        let last = through
        result.lastQuarter = last
        let range = period.quarters
        guard range.lowerBound <= last.rawValue else {
            result.facts.insert(.outsideAsOf)
            return result
        }
        var accumulator = Aggregation.Accumulator(indicator.aggregation)
        for number in range.lowerBound...min(range.upperBound, last.rawValue) {
            let quarter = Quarter(rawValue: number)!
            switch indicator.actuals[quarter.index] {
            case .reported(let value, _): accumulator.add(value.fraction)
            case .unreported: result.missingQuarters.insert(quarter)
            case .conflicting: result.conflictingQuarters.insert(quarter)
            }
        }
        result.reportedQuarters = accumulator.count
        guard result.conflictingQuarters.isEmpty else { return result }
        result.actual = accumulator.result
        if result.actual == nil { result.facts.insert(.notReported) }
        if range.upperBound > last.rawValue { result.facts.insert(.cutAtAsOf) }
        guard let actual = result.actual else { return result }
        guard let target else {
            result.facts.insert(.noTarget)
            return result
        }
        let computed = AchievementFormula.evaluate(lower: target.lower, upper: target.upper, actual: actual,
                                                   polarity: indicator.polarity, negativeFormula: policy.negativeFormula)
        result.achievement = computed.achievement
        if let cap = policy.cap, let achievement = computed.achievement, achievement > cap {
            result.uncapped = achievement
            result.achievement = cap
        }
        result.remarks = computed.remarks
        return result
    }
}
