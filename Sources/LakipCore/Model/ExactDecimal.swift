/// A decimal number held exactly: an integer significand and a power-of-ten scale.
///
/// Every number read from an input file becomes an `ExactDecimal`; nothing the tool prints ever
/// passes through binary floating point. Equality is numeric, so `1.50 == 1.5`.
public struct ExactDecimal: Sendable, CustomStringConvertible {
    /// The digits of the value with the decimal point removed.
    public var significand: Int64
    /// How many of those digits are after the decimal point.
    public var scale: UInt8

    /// The most digits a number may have after its decimal point.
    public static let maximumScale: UInt8 = 12
    /// The most significant digits a number may have.
    public static let maximumDigits = 18

    public init(significand: Int64, scale: UInt8 = 0) {
        precondition(scale <= Self.maximumScale, "scale out of range")
        self.significand = significand
        self.scale = scale
    }

    /// Creates a value from an integer.
    public init(_ integer: Int) {
        self.init(significand: Int64(integer), scale: 0)
    }

    /// The same value with trailing fractional zeros removed.
    public var normalized: ExactDecimal {
        var result = self
        while result.scale > 0 && result.significand % 10 == 0 {
            result.significand /= 10
            result.scale -= 1
        }
        return result
    }

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }

    /// The exact value as a fraction.
    public var fraction: Fraction {
        Fraction(numerator: Int128(significand), denominator: Fraction.powerOfTen(Int(scale)))
    }

    public var description: String { fraction.decimalText() }
}

extension ExactDecimal: Hashable {
    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let a = lhs.normalized, b = rhs.normalized
        return a.significand == b.significand && a.scale == b.scale
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.significand)
        hasher.combine(n.scale)
    }
}

extension ExactDecimal: Comparable {
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        lhs.fraction < rhs.fraction
    }
}
