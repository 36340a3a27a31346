/// A set of quarters, as a bit mask.
public struct QuarterSet: Sendable, Hashable {
    fileprivate var mask: UInt8 = 0

    public init() {}

    public mutating func insert(_ quarter: Quarter) { mask |= 1 << quarter.index }
    public var isEmpty: Bool { mask == 0 }
    public var quarters: [Quarter] { Quarter.allCases.filter { mask & (1 << $0.index) != 0 } }
    /// "TW3" or "TW3, TW4".
    public var label: String { quarters.map(\.label).joined(separator: ", ") }
}

/// Target, realisation and achievement of one indicator over one period.
///
/// What keterangan says is kept as compact facts and turned into words only when asked
/// (``notes``): most periods have nothing to say, and a run evaluates millions of them.
public struct PeriodOutcome: Sendable, Equatable {
    /// Facts about a period that keterangan reports.
    public struct Facts: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The period starts after --as-of.
        public static let outsideAsOf = Facts(rawValue: 1)
        /// The period ends after --as-of: computed to that quarter.
        public static let cutAtAsOf = Facts(rawValue: 2)
        /// No quarter of the period has a realisation.
        public static let notReported = Facts(rawValue: 4)
        /// A realisation but no target.
        public static let noTarget = Facts(rawValue: 8)
        /// A quarterly headline without any quarter target to compare with (SPEC §4.1).
        public static let noQuarterTargets = Facts(rawValue: 16)
    }

    public var period: Period
    /// The target, or the lower bound of a range target.
    public var target: Fraction?
    /// The upper bound of a range target; `nil` for a single value.
    public var targetUpper: Fraction?
    public var actual: Fraction?
    public var achievement: Achievement?
    /// Quarters of the period (within --as-of) whose realisation is in.
    public var reportedQuarters = 0
    public var facts: Facts = []
    /// Quarters of the period (within --as-of) without a realisation.
    public var missingQuarters = QuarterSet()
    /// Quarters reported twice with different values: the period is left empty.
    public var conflictingQuarters = QuarterSet()
    public var remarks: AchievementFormula.Remarks = []
    /// The achievement before the policy's cap, when the cap lowered it.
    public var uncapped: Achievement?
    /// The last quarter counted (--as-of), for the notes that mention it.
    public var lastQuarter: Quarter = .tw4

    public init(period: Period, target: Fraction? = nil, through lastQuarter: Quarter = .tw4) {
        self.period = period
        self.target = target
        self.lastQuarter = lastQuarter
    }

    /// The kategori of the achievement under `scale`, when there is one. Worked out when asked
    /// rather than kept: without a `String` inside, an outcome is plain bytes, and a run copies
    /// millions of them.
    public func category(in scale: CategoryScale) -> String? {
        achievement.map(scale.category(of:))
    }

    /// Whether keterangan has anything to say about this period.
    public var hasNotes: Bool {
        !facts.isEmpty || !conflictingQuarters.isEmpty || !remarks.isEmpty || uncapped != nil
            || (!missingQuarters.isEmpty && period.quarters.count > 1)
    }

    /// Why a value is empty or what to bear in mind: "belum dilaporkan",
    /// "belum lengkap (TW3 belum dilaporkan)", "target-nol" …
    public var notes: [String] {
        if facts.contains(.outsideAsOf) { return ["di luar periode laporan (s.d. \(lastQuarter.label))"] }
        if !conflictingQuarters.isEmpty { return ["realisasi \(conflictingQuarters.label) ganda bertentangan"] }
        var notes: [String] = []
        if facts.contains(.notReported) {
            notes.append("belum dilaporkan")
        } else if !missingQuarters.isEmpty && period.quarters.count > 1 {
            notes.append("belum lengkap (\(missingQuarters.label) belum dilaporkan)")
        }
        if facts.contains(.cutAtAsOf) { notes.append("s.d. \(lastQuarter.label)") }
        if facts.contains(.noTarget) { notes.append("target tidak ada") }
        if facts.contains(.noQuarterTargets) { notes.append("target-triwulan-kosong") }
        if let uncapped, let achievement { notes.append("dibatasi \(achievement) (semula \(uncapped))") }
        return notes + remarks.notes
    }

    public static func == (lhs: PeriodOutcome, rhs: PeriodOutcome) -> Bool {
        lhs.period == rhs.period && lhs.target == rhs.target && lhs.actual == rhs.actual
            && lhs.achievement == rhs.achievement && lhs.notes == rhs.notes
    }
}

/// Everything computed for one indicator.
public struct IndicatorEvaluation: Sendable {
    /// TW1 … TW4.
    public var quarters: Quarterly<PeriodOutcome>
    /// S1, S2.
    public var semesters: [PeriodOutcome]
    /// The year, against the annual (PK) target.
    public var year: PeriodOutcome
    /// s.d. TW1 … s.d. TW4: the realisation to date and its progress (progres) against the
    /// annual target.
    public var progress: Quarterly<PeriodOutcome>
    /// Notes about the indicator as a whole (conflicting target, inferred agregasi).
    public var indicatorNotes: [String]
    /// This year's realisation against the end-of-plan (Renstra) target, when there is one.
    public var renstra: PeriodOutcome?
    /// For a quarterly report period: the realisation s.d. its quarter against the target s.d.
    /// that quarter; `nil` for the complete year.
    public var toDate: PeriodOutcome?

    public init(quarters: Quarterly<PeriodOutcome>, semesters: [PeriodOutcome], year: PeriodOutcome,
                progress: Quarterly<PeriodOutcome>, indicatorNotes: [String], renstra: PeriodOutcome? = nil,
                toDate: PeriodOutcome? = nil) {
        self.quarters = quarters
        self.semesters = semesters
        self.year = year
        self.progress = progress
        self.indicatorNotes = indicatorNotes
        self.renstra = renstra
        self.toDate = toDate
    }

    /// The report period's headline (SPEC §4.1): s.d. TWn against the plan to date in a
    /// quarterly report, the year against the PK target in the annual one. Rankings, roll-ups
    /// and charts use it.
    @inline(__always)
    public var headline: PeriodOutcome { toDate ?? year }

    /// progres: the realisation to date against the annual PK target, at the period's last
    /// quarter. Shown beside the headline, never graded.
    public var headlineProgress: PeriodOutcome {
        guard case .throughQuarter(let quarter)? = toDate?.period else { return progress[Quarter.tw4.index] }
        return progress[quarter.index]
    }

    /// The outcomes of the long table, in its order: TW1–TW4, S1, S2, then the headline
    /// (TAHUNAN, or s.d. TWn in a quarterly report).
    public var reportedPeriods: [PeriodOutcome] { ReportedPeriod.allCases.map { self[$0] } }

    /// The outcome of one of the long table's periods.
    // Inlined so that a caller copies the one outcome and not the whole evaluation to call it.
    @inline(__always)
    public subscript(period: ReportedPeriod) -> PeriodOutcome {
        switch period {
        case .tw1, .tw2, .tw3, .tw4: quarters[period.rawValue]
        case .s1, .s2: semesters[period.rawValue - ReportedPeriod.s1.rawValue]
        case .headline: headline
        }
    }

    /// Quarters (within --as-of) with a realisation.
    public var reportedQuarterCount: Int { year.reportedQuarters }
}

/// The periods of the long table (capaian.csv), in its order; the tables that print one of
/// them beside it name it the same way.
public enum ReportedPeriod: Int, CaseIterable, Sendable {
    case tw1, tw2, tw3, tw4, s1, s2
    /// TAHUNAN, or s.d. TWn in a quarterly report (``IndicatorEvaluation/headline``).
    case headline

    public init(_ quarter: Quarter) {
        self.init(rawValue: quarter.index)!
    }

    /// S1 or S2, from 0.
    public init(semester index: Int) {
        self.init(rawValue: ReportedPeriod.s1.rawValue + index)!
    }
}
