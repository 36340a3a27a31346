/// The per-agency comparison of SPEC §4 for one year: what evaluators rank OPDs by.
public struct AgencySummary: Sendable {
    public var agency: Int
    public var indicatorCount = 0
    /// Indicators with an annual achievement.
    public var measuredCount = 0
    /// Measured indicators per kategori, in the scale's order.
    public var categoryCounts: [Int]
    /// Measured indicators with achievement ≥ 100.
    public var atLeastHundredCount = 0
    public var reportedQuarterValues = 0
    public var expectedQuarterValues = 0
    private var weightedSum = Fraction.zero
    private var weightTotal = Fraction.zero
    /// Set when a weighted sum no longer fits; the mean is then left empty.
    private var overflowed = false

    public init(agency: Int, categoryCount: Int) {
        self.agency = agency
        categoryCounts = Array(repeating: 0, count: categoryCount)
    }

    /// Adds one indicator's results.
    public mutating func add(_ evaluation: IndicatorEvaluation, of indicator: Indicator, policy: Policy) {
        indicatorCount += 1
        reportedQuarterValues += evaluation.reportedQuarterCount
        expectedQuarterValues += policy.lastQuarter.rawValue
        guard let achievement = evaluation.year.achievement else { return }
        measuredCount += 1
        categoryCounts[policy.scale.bandIndex(of: achievement)] += 1
        if achievement >= .hundred { atLeastHundredCount += 1 }
        let weight = indicator.weight?.fraction ?? Fraction(1)
        guard let term = achievement.fraction.multiplied(by: weight),
              let sum = weightedSum.adding(term), let total = weightTotal.adding(weight) else {
            overflowed = true
            return
        }
        weightedSum = sum
        weightTotal = total
    }

    /// The mean annual achievement of measured indicators, weighted by bobot (1 when absent).
    public var meanAchievement: Achievement? {
        guard measuredCount > 0, !overflowed, !weightTotal.isZero,
              let mean = weightedSum.divided(by: weightTotal) else { return nil }
        return Achievement(exactly: mean)
    }

    /// Share of measured indicators with achievement ≥ 100, in percent.
    public var atLeastHundredShare: Achievement? {
        Self.percent(atLeastHundredCount, of: measuredCount)
    }

    /// Reported quarter values against expected ones, in percent.
    public var completeness: Achievement? {
        Self.percent(reportedQuarterValues, of: expectedQuarterValues)
    }

    private static func percent(_ part: Int, of whole: Int) -> Achievement? {
        guard whole > 0 else { return nil }
        return Achievement(exactly: Fraction(numerator: Int128(part) * 100, denominator: Int128(whole)))
    }

    /// Orders summaries for ranking: highest mean first, unmeasured agencies last, ties by
    /// agency code so every run ranks the same.
    public static func ranked(_ summaries: [AgencySummary], code: (Int) -> String) -> [AgencySummary] {
        summaries.sorted { a, b in
            switch (a.meanAchievement, b.meanAchievement) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return code(a.agency).utf8.lexicographicallyPrecedes(code(b.agency).utf8)
            }
        }
    }
}
