/// What is known of one quarter's realisation of one indicator.
public enum QuarterActual: Sendable, Hashable {
    /// Nothing reported (no row, or a row saying "not reported").
    case unreported
    /// Reported once (or several times with the same value); `line` is the first report's line.
    case reported(ExactDecimal, line: Int32)
    /// Reported with different values; no value is picked.
    case conflicting(firstLine: Int32)
}

/// One performance indicator of one agency in one year: its targets (from the Perjanjian
/// Kinerja and Rencana Aksi) and the realisations folded in as they are read.
public struct Indicator: Sendable {
    public var year: Int
    /// Index into ``Dataset/agencies``.
    public var agency: Int
    public var objectiveCode: TextRef
    public var objective: TextRef
    public var code: TextRef
    public var name: TextRef
    public var unit: TextRef
    public var polarity: Polarity
    public var aggregation: Aggregation
    /// True when agregasi was not given and was inferred from the unit and polarity.
    public var aggregationInferred: Bool
    /// The annual (PK) target, target_tahunan.
    public var annualTarget: TargetValue?
    /// True when the annual target was derived from the quarter targets.
    public var annualTargetDerived: Bool
    /// target_tw1 … target_tw4.
    public var quarterTargets: [TargetValue?]
    /// The end-of-plan (Renstra) target and the year the plan ends.
    public var renstraTarget: TargetValue?
    public var renstraEndYear: Int?
    /// For a grade indicator, the index of its scale in ``Dataset/gradeScales``; targets and
    /// realisations then hold ranks.
    public var gradeScale: Int?
    /// pagu_anggaran: the budget ceiling of the indicator's activities.
    public var budgetCeiling: ExactDecimal?
    /// realisasi_anggaran per quarter.
    public var budgetActuals: [ExactDecimal?] = [nil, nil, nil, nil]
    /// bobot; `nil` counts as 1.
    public var weight: ExactDecimal?
    /// Realisations per quarter, TW1 … TW4.
    public var actuals: [QuarterActual]
    /// Set when two target rows for this indicator disagree: nothing is computed for it.
    public var conflictingTargetLine: Int32?
    /// Where the target row was read: index into ``Dataset/files`` and line.
    public var sourceFile: Int
    public var sourceLine: Int32

    public init(year: Int, agency: Int, objectiveCode: TextRef = .empty, objective: TextRef = .empty,
                code: TextRef, name: TextRef, unit: TextRef = .empty,
                polarity: Polarity, aggregation: Aggregation, aggregationInferred: Bool = false,
                annualTarget: TargetValue?, quarterTargets: [TargetValue?] = [nil, nil, nil, nil],
                weight: ExactDecimal? = nil, sourceFile: Int = 0, sourceLine: Int32 = 0) {
        self.year = year
        self.agency = agency
        self.objectiveCode = objectiveCode
        self.objective = objective
        self.code = code
        self.name = name
        self.unit = unit
        self.polarity = polarity
        self.aggregation = aggregation
        self.aggregationInferred = aggregationInferred
        self.annualTarget = annualTarget
        self.annualTargetDerived = false
        self.quarterTargets = quarterTargets
        self.weight = weight
        self.actuals = [.unreported, .unreported, .unreported, .unreported]
        self.sourceFile = sourceFile
        self.sourceLine = sourceLine
    }
}

/// An agency (OPD): its code and name.
public struct Agency: Sendable {
    public var code: TextRef
    public var name: TextRef
}
