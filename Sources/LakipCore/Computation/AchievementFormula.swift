/// The achievement (capaian) of a realisation against a target, by polarity (SPEC §4).
public enum AchievementFormula {
    /// What keterangan must say about a computed achievement.
    public struct Remarks: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// T = 0: the polarity rule decided 100 or 0.
        public static let targetZero = Remarks(rawValue: 1)
        /// rasio with R ≤ 0: selisih was used instead.
        public static let ratioFellBack = Remarks(rawValue: 2)
        /// The exact value did not fit; nothing was computed.
        public static let outOfRange = Remarks(rawValue: 4)

        /// The remarks as keterangan words.
        public var notes: [String] {
            var notes: [String] = []
            if contains(.ratioFellBack) { notes.append("realisasi-nol: rumus selisih dipakai") }
            if contains(.targetZero) { notes.append("target-nol") }
            if contains(.outOfRange) { notes.append("angka terlalu besar untuk dihitung") }
            return notes
        }
    }

    /// The result of one comparison.
    public struct Result: Sendable, Equatable {
        public var achievement: Achievement?
        public var remarks: Remarks
        /// Notes for keterangan, e.g. `target-nol`.
        public var notes: [String] { remarks.notes }
    }

    /// Computes capaian exactly and rounds it half-up to two decimals.
    ///
    /// - positif: R / T × 100
    /// - negatif, selisih: (2T − R) / T × 100; rasio: T / R × 100 (with R ≤ 0 the ratio has
    ///   no meaning, so selisih is used and noted)
    /// - T = 0: 100 when R meets the polarity (positif R ≥ 0, negatif R ≤ 0), else 0;
    ///   noted `target-nol`. Never a division by zero.
    public static func evaluate(target: Fraction, actual: Fraction, polarity: Polarity,
                                negativeFormula: NegativeFormula) -> Result {
        if target.isZero {
            let met = polarity == .positive ? !actual.isNegative : (actual.isNegative || actual.isZero)
            return Result(achievement: met ? .hundred : .zero, remarks: .targetZero)
        }
        var remarks: Remarks = []
        let achievement: Achievement?
        switch polarity {
        case .positive:
            achievement = percent(actual, of: target)
        case .negative:
            if negativeFormula == .ratio && !actual.isNegative && !actual.isZero {
                achievement = percent(target, of: actual)
            } else {
                if negativeFormula == .ratio { remarks.insert(.ratioFellBack) }
                achievement = target.multiplied(by: Fraction(2))?.subtracting(actual).flatMap { percent($0, of: target) }
            }
        }
        if achievement == nil { remarks.insert(.outOfRange) }
        return Result(achievement: achievement, remarks: remarks)
    }

    /// `part / whole × 100`, rounded half away from zero to hundredths, in one exact division.
    static func percent(_ part: Fraction, of whole: Fraction) -> Achievement? {
        guard !whole.isZero else { return nil }
        // (p/q) / (w/v) × 10⁴ hundredths = p·v·10⁴ / (q·w)
        let (numerator, overflowA) = part.numerator.multipliedReportingOverflow(by: whole.denominator)
        let (scaled, overflowB) = numerator.multipliedReportingOverflow(by: 10_000)
        let (denominator, overflowC) = part.denominator.multipliedReportingOverflow(by: whole.numerator)
        guard !overflowA, !overflowB, !overflowC else {
            return part.divided(by: whole)?.multiplied(by: Fraction(100)).flatMap { Achievement(exactly: $0) }
        }
        let units = denominator < 0
            ? Fraction.divideRoundingHalfAway(-scaled, -denominator)
            : Fraction.divideRoundingHalfAway(scaled, denominator)
        return Int64(exactly: units).map(Achievement.init(hundredths:))
    }
}
