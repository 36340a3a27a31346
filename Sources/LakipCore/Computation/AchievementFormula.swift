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
        /// A range target: the realisation fell inside it.
        public static let withinRange = Remarks(rawValue: 8)
        /// A range target: the realisation fell outside; the nearer bound was used.
        public static let outsideRange = Remarks(rawValue: 16)
        /// T < 0: the formula was taken against |T|, so a better realisation still scores higher.
        public static let negativeTarget = Remarks(rawValue: 32)

        /// The remarks as keterangan words.
        public var notes: [String] {
            var notes: [String] = []
            if contains(.ratioFellBack) { notes.append("realisasi-nol: rumus selisih dipakai") }
            if contains(.targetZero) { notes.append("target-nol") }
            if contains(.outOfRange) { notes.append("angka terlalu besar untuk dihitung") }
            if contains(.withinRange) { notes.append("dalam rentang target") }
            if contains(.outsideRange) { notes.append("di luar rentang target: dibandingkan dengan batas terdekat") }
            if contains(.negativeTarget) { notes.append("target negatif: dihitung terhadap |T|") }
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
        evaluate(lower: target, upper: target, actual: actual, polarity: polarity, negativeFormula: negativeFormula)
    }

    /// Capaian against a range target `lower`–`upper`: 100.00 inside the range; outside, the
    /// polarity formula against the nearer bound. With `lower == upper` it is the plain formula.
    public static func evaluate(lower: Fraction, upper: Fraction, actual: Fraction, polarity: Polarity,
                                negativeFormula: NegativeFormula) -> Result {
        guard lower == upper else {
            if !(actual < lower) && !(upper < actual) {
                return Result(achievement: .hundred, remarks: .withinRange)
            }
            var result = evaluate(lower: actual < lower ? lower : upper, upper: actual < lower ? lower : upper,
                                  actual: actual, polarity: polarity, negativeFormula: negativeFormula)
            result.remarks.insert(.outsideRange)
            return result
        }
        let target = lower
        if target.isZero {
            let met = polarity == .positive ? !actual.isNegative : (actual.isNegative || actual.isZero)
            return Result(achievement: met ? .hundred : .zero, remarks: .targetZero)
        }
        var remarks: Remarks = []
        let achievement: Achievement?
        if target.isNegative {
            // R / T inverts for T < 0 (a planned decline): a better realisation would score
            // lower. Against |T| the same formulas keep their meaning: positif
            // (R − T + |T|) / |T|, negatif (T − R + |T|) / |T|; for T > 0 these are R / T and
            // (2T − R) / T. rasio has no meaning across signs, so it is not used.
            remarks.insert(.negativeTarget)
            let magnitude = Fraction.zero.subtracting(target) ?? target
            let distance = polarity == .positive ? actual.subtracting(target) : target.subtracting(actual)
            achievement = distance?.adding(magnitude).flatMap { percent($0, of: magnitude) }
            if achievement == nil { remarks.insert(.outOfRange) }
            return Result(achievement: achievement, remarks: remarks)
        }
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

    /// `part / whole × 100`, rounded half away from zero to hundredths, in one exact division:
    /// (p/q) / (w/v) × 10⁴ hundredths = p·v·10⁴ / (q·w).
    ///
    /// In 64 bits when the four parts and the three products fit, as they do for values of
    /// everyday size (with two decimals, up to about 9 × 10¹⁰): a 128-bit multiplication that
    /// checks for overflow takes tens of instructions, a 64-bit one a single one. Then in 128
    /// bits, and past that through reduced fractions.
    static func percent(_ part: Fraction, of whole: Fraction) -> Achievement? {
        guard !whole.isZero else { return nil }
        if let p = Int64(exactly: part.numerator), let q = Int64(exactly: part.denominator),
           let w = Int64(exactly: whole.numerator), let v = Int64(exactly: whole.denominator),
           let units = hundredths(p, q, w, v) {
            return Achievement(hundredths: units)
        }
        guard let units = hundredths(part.numerator, part.denominator, whole.numerator, whole.denominator) else {
            return part.divided(by: whole)?.multiplied(by: Fraction(100)).flatMap { Achievement(exactly: $0) }
        }
        return Int64(exactly: units).map(Achievement.init(hundredths:))
    }

    /// p·v·10⁴ / (q·w) rounded half away from zero in the width of the parts; `nil` when a
    /// product, or the negation of one, would overflow it.
    @inline(__always)
    private static func hundredths<T: FixedWidthInteger & SignedInteger>(_ p: T, _ q: T, _ w: T, _ v: T) -> T? {
        let (numerator, overflowA) = p.multipliedReportingOverflow(by: v)
        let (scaled, overflowB) = numerator.multipliedReportingOverflow(by: 10_000)
        let (denominator, overflowC) = q.multipliedReportingOverflow(by: w)
        guard !overflowA, !overflowB, !overflowC, scaled != .min, denominator != .min else { return nil }
        return denominator < 0
            ? Fraction.quotientRoundingHalfAway(-scaled, -denominator)
            : Fraction.quotientRoundingHalfAway(scaled, denominator)
    }
}
