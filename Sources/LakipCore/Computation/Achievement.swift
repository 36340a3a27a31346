/// An achievement percentage (capaian), rounded half-up to two decimals and held as an exact
/// count of hundredths: 85.25 % is `Achievement(hundredths: 8525)`.
public struct Achievement: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var hundredths: Int64

    public init(hundredths: Int64) {
        self.hundredths = hundredths
    }

    /// The exact value rounded half away from zero to two decimals, or `nil` when it does not
    /// fit (only for absurd inputs).
    public init?(exactly value: Fraction) {
        guard let units = value.rounded(toScale: 2), let hundredths = Int64(exactly: units) else { return nil }
        self.hundredths = hundredths
    }

    public static let hundred = Achievement(hundredths: 10_000)
    public static let zero = Achievement(hundredths: 0)

    /// The value as a fraction (hundredths / 100).
    public var fraction: Fraction { Fraction(numerator: Int128(hundredths), denominator: 100) }

    /// Always two decimals: `85.00`, `-12.50`.
    public var description: String {
        Fraction.decimalText(units: Int128(hundredths), scale: 2, trimTrailingZeros: false)
    }

    public static func < (lhs: Achievement, rhs: Achievement) -> Bool { lhs.hundredths < rhs.hundredths }
}
