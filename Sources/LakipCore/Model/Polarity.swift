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
    public func combine(_ values: [Fraction]) -> Fraction? {
        guard let lastValue = values.last else { return nil }
        switch self {
        case .last:
            return lastValue
        case .sum, .mean:
            var total = Fraction.zero
            for value in values {
                guard let next = total.adding(value) else { return nil }
                total = next
            }
            return self == .sum ? total : total.divided(by: Fraction(values.count))
        }
    }
}
