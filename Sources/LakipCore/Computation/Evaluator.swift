/// Computes every period of an indicator under a ``Policy`` (SPEC §4).
public struct Evaluator: Sendable {
    public var policy: Policy

    public init(policy: Policy = Policy()) {
        self.policy = policy
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
                quarters: Quarter.allCases.map { PeriodOutcome(period: .quarter($0)) },
                semesters: [PeriodOutcome(period: .semester1), PeriodOutcome(period: .semester2)],
                year: PeriodOutcome(period: .year),
                progress: Quarter.allCases.map { PeriodOutcome(period: .throughQuarter($0)) },
                indicatorNotes: indicatorNotes + ["target ganda bertentangan (baris \(indicator.sourceLine) dan \(line))"])
        }
        let targets = indicator.quarterTargets
        let quarters = Quarter.allCases.map { outcome(.quarter($0), target: targets[$0.index]?.fraction, of: indicator) }
        let semesters = [
            outcome(.semester1, target: combinedTarget(targets[0], targets[1], indicator), of: indicator),
            outcome(.semester2, target: combinedTarget(targets[2], targets[3], indicator), of: indicator),
        ]
        let annual = indicator.annualTarget?.fraction
        let year = outcome(.year, target: annual, of: indicator)
        let progress = Quarter.allCases.map { outcome(.throughQuarter($0), target: annual, of: indicator) }
        return IndicatorEvaluation(quarters: quarters, semesters: semesters, year: year, progress: progress,
                                   indicatorNotes: indicatorNotes)
    }

    private func combinedTarget(_ first: ExactDecimal?, _ second: ExactDecimal?, _ indicator: Indicator) -> Fraction? {
        var accumulator = Aggregation.Accumulator(indicator.aggregation)
        if let first { accumulator.add(first.fraction) }
        if let second { accumulator.add(second.fraction) }
        return accumulator.result
    }

    /// One period: the realisation combined over its reported quarters, and the achievement.
    func outcome(_ period: Period, target: Fraction?, of indicator: Indicator) -> PeriodOutcome {
        var result = PeriodOutcome(period: period, target: target)
        let last = policy.lastQuarter
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
        let computed = AchievementFormula.evaluate(target: target, actual: actual, polarity: indicator.polarity,
                                                   negativeFormula: policy.negativeFormula)
        result.achievement = computed.achievement
        result.category = computed.achievement.map(policy.scale.category(of:))
        result.remarks = computed.remarks
        return result
    }
}
