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
