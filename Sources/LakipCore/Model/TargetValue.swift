/// A target: one value, or a range such as `80-90` where any realisation inside counts as met.
public struct TargetValue: Sendable, Hashable, CustomStringConvertible {
    // The bounds' digits and scales stored apart, so that an optional target takes 24 bytes
    // rather than 32: five of them sit in every indicator.
    private var lowerSignificand: Int64
    private var upperSignificand: Int64
    private var lowerScale: UInt8
    private var upperScale: UInt8

    public var lower: ExactDecimal {
        get { ExactDecimal(significand: lowerSignificand, scale: lowerScale) }
        set { (lowerSignificand, lowerScale) = (newValue.significand, newValue.scale) }
    }

    public var upper: ExactDecimal {
        get { ExactDecimal(significand: upperSignificand, scale: upperScale) }
        set { (upperSignificand, upperScale) = (newValue.significand, newValue.scale) }
    }

    public init(_ value: ExactDecimal) {
        self.init(ordered: value, value)
    }

    /// A range; the bounds are put in order.
    public init(lower: ExactDecimal, upper: ExactDecimal) {
        self.init(ordered: min(lower, upper), max(lower, upper))
    }

    private init(ordered lower: ExactDecimal, _ upper: ExactDecimal) {
        lowerSignificand = lower.significand
        lowerScale = lower.scale
        upperSignificand = upper.significand
        upperScale = upper.scale
    }

    public var isRange: Bool { lower != upper }

    public var description: String { isRange ? "\(lower)-\(upper)" : "\(lower)" }

    // Numeric, as ExactDecimal's: 1.50 equals 1.5.
    public static func == (lhs: TargetValue, rhs: TargetValue) -> Bool {
        lhs.lower == rhs.lower && lhs.upper == rhs.upper
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(lower)
        hasher.combine(upper)
    }
}

/// An ordered list of grades (predikat) used as targets and realisations, lowest first:
/// Opini BPK (TMP < TW < WDP < WTP) or predikat SAKIP (D < C < … < AA).
///
/// A grade indicator is computed on ranks: capaian = rank(realisasi) / rank(target) × 100.
public struct GradeScale: Sendable, Hashable {
    public var name: String
    /// The grades, lowest first; a grade's rank is its position + 1.
    public var grades: [String]

    public init(name: String, grades: [String]) {
        self.name = name
        self.grades = grades
    }

    public static let opiniBPK = GradeScale(name: "Opini BPK", grades: ["TMP", "TW", "WDP", "WTP"])
    public static let predikatSAKIP = GradeScale(name: "Predikat SAKIP", grades: ["D", "C", "CC", "B", "BB", "A", "AA"])
    public static let builtIn = [opiniBPK, predikatSAKIP]

    /// The rank (1 = lowest) of `text`, compared without case and surrounding spaces.
    public func rank(of text: String) -> Int? {
        let key = text.trimmingSpaces.uppercased()
        return grades.firstIndex { $0.uppercased() == key }.map { $0 + 1 }
    }

    /// The grade of `rank`, when it is one.
    public func grade(ofRank rank: Int) -> String? {
        grades.indices.contains(rank - 1) ? grades[rank - 1] : nil
    }

    /// "TMP, TW, WDP, WTP" for messages.
    public var allowedList: String { grades.joined(separator: ", ") }
}
