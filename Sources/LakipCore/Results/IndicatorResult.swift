/// One indicator's results for a report period: everything a renderer reads of it, computed
/// once by ``PeriodComputation``.
public struct IndicatorResult: Sendable {
    public var indicator: Indicator
    public var evaluation: IndicatorEvaluation
    /// The indicator's position within its agency, from 1: the `no` column.
    public var number: Int
    /// The scale of a grade indicator, whose targets and realisations are then ranks.
    public var grades: GradeScale?
    /// The same indicator (kode_opd, kode_indikator) two years before, for the same period.
    public var twoYearsBefore: EarlierYear?
    /// The same indicator one year before, for the same period.
    public var oneYearBefore: EarlierYear?

    /// An earlier year's headline of the same indicator, with that year's grade scale.
    public struct EarlierYear: Sendable {
        public var outcome: PeriodOutcome
        public var grades: GradeScale?
    }

    /// How the realisation moved since the latest earlier year, judged by polarity: `nil` when
    /// no earlier year has a realisation, or this year has none.
    public var direction: Direction? {
        let earlier = oneYearBefore?.outcome.actual ?? twoYearsBefore?.outcome.actual
        return Direction(from: earlier, to: evaluation.headline.actual, polarity: indicator.polarity)
    }

    /// keterangan of the headline: the indicator's own notes, then the period's; `nil` when
    /// there is nothing to say.
    public var headlineNotes: String? {
        let headline = evaluation.headline
        guard !evaluation.indicatorNotes.isEmpty || headline.hasNotes else { return nil }
        return (evaluation.indicatorNotes + headline.notes).joined(separator: "; ")
    }
}

/// arah_perubahan: how a realisation moved from one year to another.
public enum Direction: String, Sendable {
    /// The way the polarity wants.
    case better = "membaik"
    /// The other way.
    case worse = "memburuk"
    case unchanged = "tetap"

    /// Judged by polarity on the realisations; `nil` when either is missing.
    public init?(from earlier: Fraction?, to current: Fraction?, polarity: Polarity) {
        guard let earlier, let current else { return nil }
        if earlier == current {
            self = .unchanged
        } else {
            self = (earlier < current) == (polarity == .positive) ? .better : .worse
        }
    }
}
