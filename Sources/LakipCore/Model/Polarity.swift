/// Whether a higher or a lower realisation is better (polaritas).
public enum Polarity: Sendable, Hashable {
    /// Higher is better (positif, "semakin tinggi semakin baik").
    case positive
    /// Lower is better (negatif, "semakin rendah semakin baik").
    case negative

    /// The word printed in reports.
    public var label: String { self == .positive ? "positif" : "negatif" }
}

/// How quarter values combine into a semester, the year or the year to date (agregasi).
public enum Aggregation: Sendable, Hashable {
    /// jumlah: the sum of the reported quarters (e.g. tonnes produced).
    case sum
    /// akhir: the last reported quarter's value (e.g. a rate or an index at a point in time).
    case last
    /// rata-rata: the mean of the reported quarters.
    case mean

    /// The word printed in reports.
    public var label: String {
        switch self {
        case .sum: "jumlah"
        case .last: "akhir"
        case .mean: "rata-rata"
        }
    }

    /// Combines the values of the quarters that have one, in quarter order.
    ///
    /// - Returns: `nil` when no quarter has a value, or when the exact result would overflow.
    public func combine(_ values: some Sequence<Fraction>) -> Fraction? {
        var accumulator = Accumulator(self)
        for value in values { accumulator.add(value) }
        return accumulator.result
    }

    /// Whether `values` combine to exactly `expected`, told in 64-bit decimals at their common
    /// scale, as ``combine(_:)`` would combine them; `false` when that cannot tell (none given,
    /// or a value at that scale or the sum would not fit in 64 bits), and the exact fractions
    /// must decide. Most target rows are consistent, and this spares them the fractions.
    func surelyCombines(_ values: some Sequence<ExactDecimal>, to expected: ExactDecimal) -> Bool {
        /// `significand · 10^digits`, or `nil` when it does not fit.
        func widened(_ significand: Int64, by digits: UInt8) -> Int64? {
            var result = significand
            for _ in 0..<digits {
                let (product, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                result = product
            }
            return result
        }
        // One pass: the running total is widened whenever a value has more decimals.
        var scale = expected.scale, total: Int64 = 0, count: Int64 = 0, latest: ExactDecimal?
        for value in values {
            count += 1
            latest = value
            if value.scale > scale {
                guard let wider = widened(total, by: value.scale - scale) else { return false }
                total = wider
                scale = value.scale
            }
            guard let scaled = widened(value.significand, by: scale - value.scale) else { return false }
            let (sum, overflow) = total.addingReportingOverflow(scaled)
            if overflow { return false }
            total = sum
        }
        guard let latest else { return false }
        if self == .last { return latest == expected }
        guard var target = widened(expected.significand, by: scale - expected.scale) else { return false }
        if self == .mean {
            // total / count == expected  ⇔  total == count · expected
            let (product, overflow) = target.multipliedReportingOverflow(by: count)
            if overflow { return false }
            target = product
        }
        return total == target
    }

    /// Combines values one at a time, in quarter order, without collecting them.
    public struct Accumulator: Sendable {
        public let aggregation: Aggregation
        private var total = Fraction.zero
        private var latest: Fraction?
        public private(set) var count = 0
        private var overflowed = false

        public init(_ aggregation: Aggregation) {
            self.aggregation = aggregation
        }

        public mutating func add(_ value: Fraction) {
            count += 1
            latest = value
            guard aggregation != .last, !overflowed else { return }
            // 0/1 + value is value itself, numerator and denominator alike; adding it would
            // first bring the two denominators together.
            guard count > 1 else {
                total = value
                return
            }
            if let next = total.adding(value) { total = next } else { overflowed = true }
        }

        /// The combined value; `nil` when nothing was added or the sum overflowed.
        public var result: Fraction? {
            guard count > 0, !overflowed else { return nil }
            switch aggregation {
            case .last: return latest
            case .sum: return total
            case .mean: return total.divided(by: Fraction(count))
            }
        }
    }
}
