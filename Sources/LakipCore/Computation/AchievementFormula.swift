/// The achievement (capaian) of a realisation against a target, by polarity (SPEC §4).
public enum AchievementFormula {
    /// The result of one comparison.
    public struct Result: Sendable, Equatable {
        public var achievement: Achievement?
        /// Notes for keterangan, e.g. `target-nol`.
        public var notes: [String]
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
            return Result(achievement: met ? .hundred : .zero, notes: ["target-nol"])
        }
        let hundred = Fraction(100)
        var notes: [String] = []
        let ratio: Fraction?
        switch polarity {
        case .positive:
            ratio = actual.divided(by: target)
        case .negative:
            if negativeFormula == .ratio && !actual.isNegative && !actual.isZero {
                ratio = target.divided(by: actual)
            } else {
                if negativeFormula == .ratio { notes.append("realisasi-nol: rumus selisih dipakai") }
                ratio = target.multiplied(by: Fraction(2))?.subtracting(actual)?.divided(by: target)
            }
        }
        guard let percent = ratio?.multiplied(by: hundred), let achievement = Achievement(exactly: percent) else {
            return Result(achievement: nil, notes: notes + ["angka terlalu besar untuk dihitung"])
        }
        return Result(achievement: achievement, notes: notes)
    }
}
