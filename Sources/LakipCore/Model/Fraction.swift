/// An exact rational number used for every computed value (sums, means, achievement).
///
/// Inputs have at most 18 significant digits and 12 decimals, so period values and the
/// achievement formulas stay far inside `Int128`; the arithmetic is still checked, and an
/// operation that would overflow returns `nil` instead of trapping or losing digits.
public struct Fraction: Sendable, Hashable, CustomStringConvertible {
    public private(set) var numerator: Int128
    /// Always positive.
    public private(set) var denominator: Int128

    public init(numerator: Int128, denominator: Int128 = 1) {
        precondition(denominator != 0, "zero denominator")
        if denominator < 0 {
            self.numerator = -numerator
            self.denominator = -denominator
        } else {
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    public init(_ integer: Int) {
        self.init(numerator: Int128(integer))
    }

    /// Computed rather than stored: a stored static is initialised lazily, and the evaluator
    /// reads this for every period of every indicator.
    @inline(__always)
    public static var zero: Fraction { Fraction(numerator: 0) }

    public var isZero: Bool { numerator == 0 }
    public var isNegative: Bool { numerator < 0 }

    /// 10^0 … 10^38, written out: a table of literals is laid out by the compiler, where one
    /// computed at start-up would be initialised lazily and checked at every use.
    private static let powersOfTen: [Int128] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
        100_000_000_000_000_000_000, 1_000_000_000_000_000_000_000, 10_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000, 1_000_000_000_000_000_000_000_000, 10_000_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000_000, 1_000_000_000_000_000_000_000_000_000,
        10_000_000_000_000_000_000_000_000_000, 100_000_000_000_000_000_000_000_000_000,
        1_000_000_000_000_000_000_000_000_000_000, 10_000_000_000_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000_000_000_000, 1_000_000_000_000_000_000_000_000_000_000_000,
        10_000_000_000_000_000_000_000_000_000_000_000, 100_000_000_000_000_000_000_000_000_000_000_000,
        1_000_000_000_000_000_000_000_000_000_000_000_000, 10_000_000_000_000_000_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000_000_000_000_000_000,
    ]

    static func powerOfTen(_ exponent: Int) -> Int128 {
        powersOfTen[exponent]
    }

    /// The exponent `k` when the denominator is exactly `10^k` (k ≤ 18), else `nil`.
    var decimalScale: Int? {
        // In 64 bits, without the table: every value a report prints asks this.
        guard denominator <= 1_000_000_000_000_000_000 else { return nil }
        var remaining = UInt64(truncatingIfNeeded: denominator), exponent = 0
        while remaining >= 10 && remaining % 10 == 0 {
            remaining /= 10
            exponent += 1
        }
        return remaining == 1 ? exponent : nil
    }

    /// The same value in lowest terms.
    public var reduced: Fraction {
        let divisor = Fraction.gcd(numerator.magnitude, denominator.magnitude)
        guard divisor > 1 else { return self }
        return Fraction(numerator: Fraction.quotient(numerator, Int128(divisor)),
                        denominator: Fraction.quotient(denominator, Int128(divisor)))
    }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        // In 64 bits when both fit: a 128-bit remainder is a library call, a 64-bit one an
        // instruction.
        if let small = UInt64(exactly: a), let other = UInt64(exactly: b) {
            var (a, b) = (small, other)
            while b != 0 { (a, b) = (b, a % b) }
            return UInt128(a)
        }
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// Whether `multiple` is a multiple of `divisor` (both positive), in 64 bits when they fit.
    private static func divides(_ divisor: Int128, _ multiple: Int128) -> Bool {
        if let small = Int64(exactly: multiple), let other = Int64(exactly: divisor) { return small % other == 0 }
        return multiple % divisor == 0
    }

    // MARK: Checked arithmetic

    private static func multiply(_ a: Int128, _ b: Int128) -> Int128? {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : product
    }

    private static func add(_ a: Int128, _ b: Int128) -> Int128? {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : sum
    }

    /// `self + other`, or `nil` on overflow.
    public func adding(_ other: Fraction) -> Fraction? {
        if denominator == other.denominator {
            return Fraction.add(numerator, other.numerator).map { Fraction(numerator: $0, denominator: denominator) }
        }
        // Two decimals, as every sum of realisations is: the one with fewer decimals is scaled up
        // by a power of ten, with no division. (The same result as the path below.)
        if let scale = decimalScale, let otherScale = other.decimalScale {
            let (wider, narrower, widening) = scale > otherScale ? (self, other, scale - otherScale) : (other, self, otherScale - scale)
            guard let scaled = Fraction.multiply(narrower.numerator, Fraction.powerOfTen(widening)),
                  let sum = Fraction.add(wider.numerator, scaled) else { return nil }
            return Fraction(numerator: sum, denominator: wider.denominator)
        }
        // Other denominators that divide one another (a mean's: 3 and 6): scale the smaller up.
        if denominator > other.denominator, Fraction.divides(other.denominator, denominator) {
            return other.rescaled(to: denominator).flatMap { adding($0) }
        }
        if other.denominator > denominator, Fraction.divides(denominator, other.denominator) {
            return rescaled(to: other.denominator).flatMap { $0.adding(other) }
        }
        guard let left = Fraction.multiply(numerator, other.denominator),
              let right = Fraction.multiply(other.numerator, denominator),
              let sum = Fraction.add(left, right),
              let common = Fraction.multiply(denominator, other.denominator)
        else { return nil }
        return Fraction(numerator: sum, denominator: common).reduced
    }

    private func rescaled(to newDenominator: Int128) -> Fraction? {
        Fraction.multiply(numerator, Fraction.quotient(newDenominator, denominator))
            .map { Fraction(numerator: $0, denominator: newDenominator) }
    }

    /// `dividend / divisor`, in 64 bits when both fit.
    private static func quotient(_ dividend: Int128, _ divisor: Int128) -> Int128 {
        if let small = Int64(exactly: dividend), let other = Int64(exactly: divisor) { return Int128(small / other) }
        return dividend / divisor
    }

    /// `self - other`, or `nil` on overflow.
    public func subtracting(_ other: Fraction) -> Fraction? {
        adding(Fraction(numerator: -other.numerator, denominator: other.denominator))
    }

    /// `self × other`, or `nil` on overflow.
    public func multiplied(by other: Fraction) -> Fraction? {
        // Multiply directly; reduce (gcd, costly) only when the plain product would overflow.
        if let n = Fraction.multiply(numerator, other.numerator), let d = Fraction.multiply(denominator, other.denominator) {
            return Fraction(numerator: n, denominator: d)
        }
        let a = self.reduced, b = other.reduced
        guard let n = Fraction.multiply(a.numerator, b.numerator),
              let d = Fraction.multiply(a.denominator, b.denominator)
        else { return nil }
        return Fraction(numerator: n, denominator: d)
    }

    /// `self ÷ other`, or `nil` when `other` is zero or on overflow.
    public func divided(by other: Fraction) -> Fraction? {
        guard !other.isZero else { return nil }
        return multiplied(by: Fraction(numerator: other.denominator, denominator: other.numerator))
    }

    // MARK: Rounding and printing

    /// The value rounded half away from zero to an integer count of `10^-scale` units
    /// (`scale: 2` gives hundredths): 85.245 → 8525, −85.245 → −8525.
    public func rounded(toScale scale: Int) -> Int128? {
        guard let scaled = Fraction.multiply(numerator, Fraction.powerOfTen(scale)) else { return nil }
        return Fraction.divideRoundingHalfAway(scaled, denominator)
    }

    /// `dividend / divisor` (divisor > 0) rounded half away from zero; 64-bit when both fit,
    /// since 128-bit division is several times slower and almost never needed.
    static func divideRoundingHalfAway(_ dividend: Int128, _ divisor: Int128) -> Int128 {
        if let a = Int64(exactly: dividend), let b = Int64(exactly: divisor) {
            return Int128(quotientRoundingHalfAway(a, b))
        }
        return quotientRoundingHalfAway(dividend, divisor)
    }

    /// ``divideRoundingHalfAway(_:_:)`` in the width of its arguments (divisor > 0).
    @inline(__always)
    static func quotientRoundingHalfAway<T: FixedWidthInteger & SignedInteger>(_ dividend: T, _ divisor: T) -> T {
        let quotient = dividend / divisor
        let remainder = (dividend % divisor).magnitude
        // Half-up on the magnitude: compare 2·remainder with the divisor without overflow.
        guard remainder >= divisor.magnitude - remainder else { return quotient }
        return dividend < 0 ? quotient - 1 : quotient + 1
    }

    /// The shortest exact decimal text of the value, or the value rounded half-up to
    /// `maximumFractionDigits` when it has no finite decimal form (a mean such as 10/3).
    public func decimalText(maximumFractionDigits: Int = 4) -> String {
        guard let (units, scale) = decimalDigits(maximumFractionDigits: maximumFractionDigits) else { return "?" }
        return Fraction.decimalText(units: units, scale: scale, trimTrailingZeros: true)
    }

    /// What ``decimalText(maximumFractionDigits:)`` prints, as `units × 10^-scale` (trailing
    /// zeros not yet trimmed); `nil` when the rounded value does not fit.
    func decimalDigits(maximumFractionDigits: Int = 4) -> (units: Int128, scale: Int)? {
        if let scale = decimalScale { return (numerator, scale) }
        if let digits = smallDecimalDigits(maximumFractionDigits: maximumFractionDigits) { return digits }
        return decimalDigitsByReducing(maximumFractionDigits: maximumFractionDigits)
    }

    /// ``decimalDigits(maximumFractionDigits:)`` of a fraction whose parts fit in 64 bits and
    /// whose exact decimals, if it has them, are at most 19, without reducing it first: a mean
    /// such as 1234.5/3 is printed for every indicator of that agregasi, and reducing takes
    /// Euclid's steps, a division each. Here it takes at most two divisions by a variable.
    /// `nil` when the fraction is not such a one.
    private func smallDecimalDigits(maximumFractionDigits: Int) -> (units: Int128, scale: Int)? {
        guard let magnitude = UInt64(exactly: numerator.magnitude), let whole = UInt64(exactly: denominator),
              maximumFractionDigits <= 19 else { return nil }
        // denominator = 2^twos · 5^fives · rest
        let twos = whole.trailingZeroBitCount
        var rest = whole >> twos, fives = 0
        while rest % 5 == 0 {
            rest /= 5
            fives += 1
        }
        guard magnitude % rest == 0 else {
            // A factor other than 2 and 5 stays in the reduced denominator: no exact decimals.
            return rounded(toScale: maximumFractionDigits).map { ($0, maximumFractionDigits) }
        }
        // Exact: cancel the 2s and 5s the numerator shares with the denominator.
        var units = magnitude / rest
        let cancelledTwos = min(twos, units.trailingZeroBitCount)
        units >>= cancelledTwos
        var cancelledFives = 0
        while cancelledFives < fives && units % 5 == 0 {
            units /= 5
            cancelledFives += 1
        }
        // units / (2^twosLeft · 5^fivesLeft), written with as many decimals as the larger power.
        let twosLeft = twos - cancelledTwos, fivesLeft = fives - cancelledFives
        let scale = max(twosLeft, fivesLeft)
        guard scale <= 19 else { return nil }
        var scaled = Int128(units)
        for _ in 0..<(scale - twosLeft) { scaled *= 2 }
        for _ in 0..<(scale - fivesLeft) { scaled *= 5 }
        return (numerator < 0 ? -scaled : scaled, scale)
    }

    /// ``decimalDigits(maximumFractionDigits:)`` by reducing the fraction first: for any size,
    /// and as the check on ``smallDecimalDigits(maximumFractionDigits:)`` in the tests.
    func decimalDigitsByReducing(maximumFractionDigits: Int = 4) -> (units: Int128, scale: Int)? {
        let value = reduced
        var digits = 0
        var denominator = value.denominator
        // Count the decimals the exact value needs: the denominator must be 2^a·5^b.
        while denominator % 10 == 0 { denominator /= 10; digits += 1 }
        while denominator % 5 == 0 { denominator /= 5; digits += 1 }
        while denominator % 2 == 0 { denominator /= 2; digits += 1 }
        let exact = denominator == 1
        let scale = exact ? min(digits, 30) : maximumFractionDigits
        guard let units = value.rounded(toScale: scale) else { return nil }
        return (units, scale)
    }

    /// Text of `units × 10^-scale`, e.g. (8525, 2) → "85.25".
    static func decimalText(units: Int128, scale: Int, trimTrailingZeros: Bool) -> String {
        if let magnitude = UInt64(exactly: units.magnitude), scale <= 19 {
            return withDecimalBytes(magnitude, isNegative: units < 0, scale: scale, trimTrailingZeros: trimTrailingZeros,
                                    separator: UInt8(ascii: ".")) { String(decoding: $0, as: UTF8.self) }
        }
        return wideDecimalText(units: units, scale: scale, trimTrailingZeros: trimTrailingZeros)
    }

    /// ``decimalText(units:scale:trimTrailingZeros:)`` for any width, through `String`: for the
    /// values beyond 64 bits, and as the check on the 64-bit path in the tests.
    static func wideDecimalText(units: Int128, scale: Int, trimTrailingZeros: Bool) -> String {
        var magnitude = String(units.magnitude)
        if magnitude.count <= scale {
            magnitude = String(repeating: "0", count: scale - magnitude.count + 1) + magnitude
        }
        var integerPart = String(magnitude.prefix(magnitude.count - scale))
        var fractionPart = String(magnitude.suffix(scale))
        if trimTrailingZeros {
            while fractionPart.hasSuffix("0") { fractionPart.removeLast() }
        }
        if units < 0 { integerPart = "-" + integerPart }
        return fractionPart.isEmpty ? integerPart : integerPart + "." + fractionPart
    }

    public var description: String { decimalText() }

    /// The most bytes ``writeDecimal(_:isNegative:scale:trimTrailingZeros:separator:to:)``
    /// writes: 20 digits, or the zeros of `0.000…` with 19 decimals, the separator and a sign.
    static let maximumDecimalLength = 22

    /// Writes the text of `magnitude × 10^-scale` (`scale` at most 19) at `target`, the decimal
    /// point written as `separator`: the 64-bit path every printed value takes, with no `String`
    /// in between. Returns how many bytes it wrote, at most ``maximumDecimalLength``.
    @inline(__always)
    static func writeDecimal(_ magnitude: UInt64, isNegative: Bool, scale: Int, trimTrailingZeros: Bool,
                             separator: UInt8, to target: UnsafeMutablePointer<UInt8>) -> Int {
        precondition(scale <= 19, "a 64-bit value has at most 19 decimals")
        var units = magnitude, fractionDigits = scale
        if trimTrailingZeros {
            while fractionDigits > 0 && units % 10 == 0 {
                units /= 10
                fractionDigits -= 1
            }
        }
        // No division by a variable, which costs tens of cycles: the lengths come from the digit
        // count, and the digits are written from the end, the decimals first.
        let integerDigits = max(digitCount(units) - fractionDigits, 1)
        let sign = isNegative ? 1 : 0
        let length = sign + integerDigits + (fractionDigits > 0 ? 1 + fractionDigits : 0)
        if isNegative { target.pointee = 0x2D }
        if fractionDigits > 0 {
            units = writeDigits(units, count: fractionDigits, to: target + sign + integerDigits + 1)
            target[sign + integerDigits] = separator
        }
        writeDigits(units, count: integerDigits, to: target + sign)
        return length
    }

    /// How many decimal digits `value` has (one for zero), without a loop: the bit length
    /// times 1233/4096 (just under log10 2), rounded down, is the number of digits or one
    /// fewer, and a comparison with a power of ten settles which.
    @inline(__always)
    private static func digitCount(_ value: UInt64) -> Int {
        // `| 1`: zero counts as one, which has one digit; no other count changes.
        let nonZero = value | 1
        let estimate = ((64 - nonZero.leadingZeroBitCount) &* 1233) &>> 12
        // The estimate is at most 19, and 10^19 fits in 64 bits.
        return estimate + (nonZero >= UInt64(truncatingIfNeeded: powerOfTen(estimate)) ? 1 : 0)
    }

    /// Writes the last `count` decimal digits of `value`, with leading zeros, two at a time;
    /// returns the digits left before them.
    @inline(__always) @discardableResult
    private static func writeDigits(_ value: UInt64, count: Int, to target: UnsafeMutablePointer<UInt8>) -> UInt64 {
        let pairs = digitPairs.utf8Start
        var value = value, end = count
        while end >= 2 {
            let next = value / 100, pair = Int(truncatingIfNeeded: value &- next &* 100) &* 2
            target[end - 2] = pairs[pair]
            target[end - 1] = pairs[pair + 1]
            value = next
            end -= 2
        }
        guard end == 1 else { return value }
        let next = value / 10
        target[0] = UInt8(truncatingIfNeeded: value &- next &* 10) &+ 0x30
        return next
    }

    /// "00", "01", … "99" back to back: a literal, so reading it needs no lazy initialisation.
    private static var digitPairs: StaticString {
        """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """
    }

    /// Calls `body` with the bytes ``writeDecimal(_:isNegative:scale:trimTrailingZeros:separator:to:)``
    /// writes.
    static func withDecimalBytes<Result>(_ magnitude: UInt64, isNegative: Bool, scale: Int, trimTrailingZeros: Bool,
                                         separator: UInt8, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumDecimalLength) { buffer in
            let length = writeDecimal(magnitude, isNegative: isNegative, scale: scale, trimTrailingZeros: trimTrailingZeros,
                                      separator: separator, to: buffer.baseAddress!)
            return body(UnsafeBufferPointer(rebasing: buffer[..<length]))
        }
    }
}

extension Fraction: Comparable {
    public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        isLess(lhs.numerator, lhs.denominator, rhs.numerator, rhs.denominator)
    }

    /// Exact `a/b < c/d` for positive `b` and `d`, by comparing integer parts and then the
    /// inverted remainders (Euclid's steps), so no product can overflow.
    private static func isLess(_ a: Int128, _ b: Int128, _ c: Int128, _ d: Int128) -> Bool {
        let (q1, r1) = floorDivision(a, b)
        let (q2, r2) = floorDivision(c, d)
        if q1 != q2 { return q1 < q2 }
        if r1 == 0 || r2 == 0 { return r1 == 0 && r2 != 0 }
        // r1/b < r2/d  ⇔  d/r2 < b/r1
        return isLess(d, r2, b, r1)
    }

    private static func floorDivision(_ a: Int128, _ b: Int128) -> (quotient: Int128, remainder: Int128) {
        var q = a / b
        var r = a % b
        if r < 0 { q -= 1; r += b }
        return (q, r)
    }

    public static func == (lhs: Fraction, rhs: Fraction) -> Bool {
        // Denominators are positive: a/b = c/d exactly when a·d = c·b. Reducing (two gcds) is
        // needed only when a product would overflow.
        if lhs.denominator == rhs.denominator { return lhs.numerator == rhs.numerator }
        let (left, leftOverflow) = lhs.numerator.multipliedReportingOverflow(by: rhs.denominator)
        let (right, rightOverflow) = rhs.numerator.multipliedReportingOverflow(by: lhs.denominator)
        if !leftOverflow && !rightOverflow { return left == right }
        let a = lhs.reduced, b = rhs.reduced
        return a.numerator == b.numerator && a.denominator == b.denominator
    }

    public func hash(into hasher: inout Hasher) {
        let r = reduced
        hasher.combine(r.numerator)
        hasher.combine(r.denominator)
    }
}
