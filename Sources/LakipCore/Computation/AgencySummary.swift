/// The per-agency comparison of SPEC §4 for one year: what evaluators rank OPDs by.
public struct AgencySummary: Sendable {
    // Stored widest first and the counts as Int32, so that the quarter of a million sasaran
    // summaries of a national run take 160 bytes each.
    private var weightedSum = Fraction.zero
    private var weightTotal = Fraction.zero
    /// Measured indicators per kategori, in the scale's order.
    public var categoryCounts: CategoryCounts
    /// For a sasaran summary: the objective's code and name.
    public var objectiveCode = TextRef.empty
    public var objectiveName = TextRef.empty
    private var counts = Counts()
    /// Set when a weighted sum no longer fits; the mean is then left empty.
    private var overflowed = false

    private struct Counts: Sendable {
        var agency: Int32 = 0
        var indicators: Int32 = 0
        var measured: Int32 = 0
        var atLeastHundred: Int32 = 0
        var reportedQuarterValues: Int32 = 0
        var expectedQuarterValues: Int32 = 0
    }

    public var agency: Int {
        get { Int(counts.agency) }
        set { counts.agency = Int32(newValue) }
    }

    public var indicatorCount: Int {
        get { Int(counts.indicators) }
        set { counts.indicators = Int32(newValue) }
    }

    /// Indicators with an annual achievement.
    public var measuredCount: Int {
        get { Int(counts.measured) }
        set { counts.measured = Int32(newValue) }
    }

    /// Measured indicators with achievement ≥ 100.
    public var atLeastHundredCount: Int {
        get { Int(counts.atLeastHundred) }
        set { counts.atLeastHundred = Int32(newValue) }
    }

    public var reportedQuarterValues: Int {
        get { Int(counts.reportedQuarterValues) }
        set { counts.reportedQuarterValues = Int32(newValue) }
    }

    public var expectedQuarterValues: Int {
        get { Int(counts.expectedQuarterValues) }
        set { counts.expectedQuarterValues = Int32(newValue) }
    }

    public init(agency: Int, categoryCount: Int) {
        categoryCounts = CategoryCounts(bands: categoryCount)
        self.agency = agency
    }

    /// A summary of one objective (sasaran) of an agency, named after `indicator`'s objective.
    public init(agency: Int, categoryCount: Int, objective indicator: Indicator) {
        self.init(agency: agency, categoryCount: categoryCount)
        objectiveCode = indicator.objectiveCode
        objectiveName = indicator.objective
    }

    /// Adds one indicator's results: its headline achievement (SPEC §4.1).
    public mutating func add(_ evaluation: IndicatorEvaluation, of indicator: Indicator, policy: Policy) {
        add(achievement: evaluation.headline.achievement, reportedQuarters: evaluation.reportedQuarterCount,
            weight: indicator.weight, policy: policy, through: evaluation.year.lastQuarter)
    }

    /// Adds one indicator's headline achievement, its bobot and how many quarters it reported.
    ///
    /// - Parameter through: the report period's last quarter, which sets how many quarter
    ///   values are expected; `nil` takes the policy's `--as-of`, else TW4.
    public mutating func add(achievement: Achievement?, reportedQuarters: Int, weight: ExactDecimal?, policy: Policy,
                             through: Quarter? = nil) {
        indicatorCount += 1
        reportedQuarterValues += reportedQuarters
        expectedQuarterValues += (through ?? policy.lastQuarter).rawValue
        guard let achievement else { return }
        measuredCount += 1
        categoryCounts[policy.scale.bandIndex(of: achievement)] += 1
        if achievement >= .hundred { atLeastHundredCount += 1 }
        let weight = weight?.fraction ?? Fraction(1)
        guard let term = achievement.fraction.multiplied(by: weight),
              let sum = weightedSum.adding(term), let total = weightTotal.adding(weight) else {
            overflowed = true
            return
        }
        weightedSum = sum
        weightTotal = total
    }

    /// The mean annual achievement of measured indicators, weighted by bobot (1 when absent);
    /// bobot are normalised, so they may sum to anything.
    public var meanAchievement: Achievement? {
        exactMean.flatMap(Achievement.init(exactly:))
    }

    private var exactMean: Fraction? {
        guard measuredCount > 0, !overflowed, !weightTotal.isZero else { return nil }
        return weightedSum.divided(by: weightTotal)
    }

    /// The Pemda-wide row: counts added up; the mean is each agency's weighted mean counted
    /// once per measured indicator, Σ(mean × terukur) / Σ terukur, so an agency's bobot shape
    /// only its own mean and without bobot it is the plain mean of all indicators.
    public static func total(of summaries: [AgencySummary]) -> AgencySummary {
        var total = AgencySummary(agency: -1, categoryCount: summaries.first?.categoryCounts.count ?? 0)
        for summary in summaries {
            total.indicatorCount += summary.indicatorCount
            total.measuredCount += summary.measuredCount
            total.atLeastHundredCount += summary.atLeastHundredCount
            total.reportedQuarterValues += summary.reportedQuarterValues
            total.expectedQuarterValues += summary.expectedQuarterValues
            for (index, count) in summary.categoryCounts.enumerated() { total.categoryCounts[index] += count }
            guard summary.measuredCount > 0 else { continue }
            let measured = Fraction(summary.measuredCount)
            guard let mean = summary.exactMean, let term = mean.multiplied(by: measured),
                  let sum = total.weightedSum.adding(term), let weights = total.weightTotal.adding(measured) else {
                total.overflowed = true
                continue
            }
            total.weightedSum = sum
            total.weightTotal = weights
        }
        return total
    }

    /// Share of measured indicators with achievement ≥ 100, in percent.
    public var atLeastHundredShare: Achievement? {
        Self.percent(atLeastHundredCount, of: measuredCount)
    }

    /// Reported quarter values against expected ones, in percent.
    public var completeness: Achievement? {
        Self.percent(reportedQuarterValues, of: expectedQuarterValues)
    }

    /// `part` of `whole` in percent, rounded half-up; `nil` when `whole` is 0.
    static func percent(_ part: Int, of whole: Int) -> Achievement? {
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

/// How many indicators fall in each band of a scale. A run keeps one summary per sasaran, a
/// quarter of a million at national scale, so up to eight bands are counted inline rather than
/// in an array of their own; a longer scale keeps its counts in an array.
public struct CategoryCounts: RandomAccessCollection, MutableCollection, Equatable, ExpressibleByArrayLiteral, Sendable {
    private static let inlineBands = 8
    private var inline: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// Every count, when the scale has more bands than fit inline.
    private var spilled: [Int]?
    private let bands: Int32

    public init(bands: Int) {
        self.bands = Int32(bands)
        if bands > Self.inlineBands { spilled = Array(repeating: 0, count: bands) }
    }

    public init(arrayLiteral counts: Int...) {
        self.init(bands: counts.count)
        for (index, count) in counts.enumerated() { self[index] = count }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(bands) }

    public subscript(band: Int) -> Int {
        get {
            precondition(band >= 0 && band < endIndex, "band out of range")
            if let spilled { return spilled[band] }
            return withUnsafeBytes(of: inline) { Int($0.load(fromByteOffset: band * 4, as: UInt32.self)) }
        }
        set {
            precondition(band >= 0 && band < endIndex, "band out of range")
            if spilled != nil {
                spilled![band] = newValue
                return
            }
            let count = UInt32(newValue)
            withUnsafeMutableBytes(of: &inline) { $0.storeBytes(of: count, toByteOffset: band * 4, as: UInt32.self) }
        }
    }

    public static func == (lhs: CategoryCounts, rhs: CategoryCounts) -> Bool {
        lhs.elementsEqual(rhs)
    }
}
