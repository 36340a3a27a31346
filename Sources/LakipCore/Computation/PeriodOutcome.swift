/// Target, realisation and achievement of one indicator over one period.
public struct PeriodOutcome: Sendable, Equatable {
    public var period: Period
    public var target: Fraction?
    public var actual: Fraction?
    public var achievement: Achievement?
    /// The kategori of the achievement, when there is one.
    public var category: String?
    /// Why a value is empty or what to bear in mind: "belum dilaporkan",
    /// "belum lengkap (TW3 belum dilaporkan)", "target-nol" …
    public var notes: [String]
    /// Quarters of the period (within --as-of) whose realisation is in.
    public var reportedQuarters: Int

    public init(period: Period, target: Fraction? = nil, actual: Fraction? = nil, achievement: Achievement? = nil,
                category: String? = nil, notes: [String] = [], reportedQuarters: Int = 0) {
        self.period = period
        self.target = target
        self.actual = actual
        self.achievement = achievement
        self.category = category
        self.notes = notes
        self.reportedQuarters = reportedQuarters
    }
}

/// Everything computed for one indicator.
public struct IndicatorEvaluation: Sendable {
    /// TW1 … TW4.
    public var quarters: [PeriodOutcome]
    /// S1, S2.
    public var semesters: [PeriodOutcome]
    /// The year, against the annual (PK) target.
    public var year: PeriodOutcome
    /// s.d. TW1 … s.d. TW4: the realisation to date and its progress (progres) against the
    /// annual target.
    public var progress: [PeriodOutcome]
    /// Notes about the indicator as a whole (conflicting target, inferred agregasi).
    public var indicatorNotes: [String]

    /// The outcomes of the long table, in its order: TW1–TW4, S1, S2, TAHUNAN.
    public var reportedPeriods: [PeriodOutcome] { quarters + semesters + [year] }

    /// Quarters (within --as-of) with a realisation.
    public var reportedQuarterCount: Int { year.reportedQuarters }
}
