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
            let note = "target ganda bertentangan (baris \(indicator.sourceLine) dan \(line))"
            let empty = { (period: Period) in PeriodOutcome(period: period, notes: [note]) }
            return IndicatorEvaluation(
                quarters: Quarter.allCases.map { empty(.quarter($0)) },
                semesters: [empty(.semester1), empty(.semester2)],
                year: empty(.year),
                progress: Quarter.allCases.map { empty(.throughQuarter($0)) },
                indicatorNotes: indicatorNotes + [note])
        }
        let targets = indicator.quarterTargets.map { $0?.fraction }
        let quarters = Quarter.allCases.map { outcome(.quarter($0), target: targets[$0.index], of: indicator) }
        let semesters = [
            outcome(.semester1, target: combinedTarget(targets[0...1], indicator), of: indicator),
            outcome(.semester2, target: combinedTarget(targets[2...3], indicator), of: indicator),
        ]
        let annual = indicator.annualTarget?.fraction
        let year = outcome(.year, target: annual, of: indicator)
        let progress = Quarter.allCases.map { outcome(.throughQuarter($0), target: annual, of: indicator) }
        return IndicatorEvaluation(quarters: quarters, semesters: semesters, year: year, progress: progress,
                                   indicatorNotes: indicatorNotes)
    }

    private func combinedTarget(_ targets: ArraySlice<Fraction?>, _ indicator: Indicator) -> Fraction? {
        indicator.aggregation.combine(targets.compactMap { $0 })
    }

    /// One period: the realisation combined over its reported quarters, and the achievement.
    func outcome(_ period: Period, target: Fraction?, of indicator: Indicator) -> PeriodOutcome {
        var result = PeriodOutcome(period: period, target: target)
        let last = policy.lastQuarter.rawValue
        let range = period.quarters
        guard range.lowerBound <= last else {
            result.notes.append("di luar --as-of \(policy.lastQuarter.label)")
            return result
        }
        var values: [Fraction] = []
        var missing: [Quarter] = []
        var conflicting: [Quarter] = []
        for number in range.lowerBound...min(range.upperBound, last) {
            let quarter = Quarter(rawValue: number)!
            switch indicator.actuals[quarter.index] {
            case .reported(let value, _): values.append(value.fraction)
            case .unreported: missing.append(quarter)
            case .conflicting: conflicting.append(quarter)
            }
        }
        result.reportedQuarters = values.count
        if !conflicting.isEmpty {
            result.notes.append("realisasi \(Self.list(conflicting)) ganda bertentangan")
            return result
        }
        result.actual = indicator.aggregation.combine(values)
        if result.actual == nil {
            result.notes.append("belum dilaporkan")
        } else if !missing.isEmpty, range.count > 1 {
            result.notes.append("belum lengkap (\(Self.list(missing)) belum dilaporkan)")
        }
        if range.upperBound > last {
            result.notes.append("s.d. \(policy.lastQuarter.label)")
        }
        guard let actual = result.actual else { return result }
        guard let target else {
            result.notes.append("target tidak ada")
            return result
        }
        let computed = AchievementFormula.evaluate(target: target, actual: actual, polarity: indicator.polarity,
                                                   negativeFormula: policy.negativeFormula)
        result.achievement = computed.achievement
        result.category = computed.achievement.map(policy.scale.category(of:))
        result.notes.append(contentsOf: computed.notes)
        return result
    }

    /// "TW3" or "TW3, TW4".
    static func list(_ quarters: [Quarter]) -> String {
        quarters.map(\.label).joined(separator: ", ")
    }
}
