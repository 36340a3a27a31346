/// What is known of one quarter's realisation of one indicator.
public enum QuarterActual: Sendable, Hashable {
    /// Nothing reported (no row, or a row saying "not reported").
    case unreported
    /// Reported once (or several times with the same value); `line` is the first report's line.
    case reported(ExactDecimal, line: Int32)
    /// Reported with different values; no value is picked.
    case conflicting(firstLine: Int32)
}

/// One performance indicator of one agency in one year: its targets (from the Perjanjian
/// Kinerja and Rencana Aksi) and the realisations folded in as they are read.
///
/// A run holds millions of these, so the layout is kept small: numbers that need few bits are
/// stored narrow, the quarters inline, and the fields most indicators leave empty (Renstra,
/// budget, bobot, a conflicting target) in one shared box that is absent until one is set.
public struct Indicator: Sendable {
    private var storedYear: Int16
    private var storedAgency: Int32
    public var objectiveCode: TextRef
    public var objective: TextRef
    public var code: TextRef
    public var name: TextRef
    public var unit: TextRef
    public var polarity: Polarity
    public var aggregation: Aggregation
    /// True when agregasi was not given and was inferred from the unit and polarity.
    public var aggregationInferred: Bool
    /// True when the annual target was derived from the quarter targets.
    public var annualTargetDerived: Bool
    private var storedGradeScale: Int16 = -1
    /// The annual target and the four quarter targets, packed (see ``annualTarget``).
    private var targets = PackedTargets()
    /// Realisations per quarter, TW1 … TW4.
    public var actuals: Quarterly<QuarterActual>
    private var sparse: SparseFields?
    private var storedSourceFile: Int32
    /// Where the target row was read: the line in ``sourceFile``.
    public var sourceLine: Int32

    public var year: Int {
        get { Int(storedYear) }
        set { storedYear = Int16(newValue) }
    }

    /// Index into ``Dataset/agencies``.
    public var agency: Int {
        get { Int(storedAgency) }
        set { storedAgency = Int32(newValue) }
    }

    /// For a grade indicator, the index of its scale in ``Dataset/gradeScales``; targets and
    /// realisations then hold ranks.
    public var gradeScale: Int? {
        get { storedGradeScale < 0 ? nil : Int(storedGradeScale) }
        set { storedGradeScale = newValue.map { Int16($0) } ?? -1 }
    }

    /// Where the target row was read: index into ``Dataset/files``.
    public var sourceFile: Int {
        get { Int(storedSourceFile) }
        set { storedSourceFile = Int32(newValue) }
    }

    /// The annual (PK) target, target_tahunan.
    ///
    /// The five targets sit in every indicator, so they are stored as their lower bounds'
    /// digits and scales side by side (48 bytes rather than 120); the upper bound of a range
    /// target, which few indicators have, goes to the sparse box.
    public var annualTarget: TargetValue? {
        get { target(at: 0) }
        set { setTarget(newValue, at: 0) }
    }

    /// target_tw1 … target_tw4.
    public var quarterTargets: Quarterly<TargetValue?> {
        get { Quarterly(target(at: 1), target(at: 2), target(at: 3), target(at: 4)) }
        set {
            for (index, value) in newValue.enumerated() { setTarget(value, at: index + 1) }
        }
    }

    /// Target `slot`: 0 the annual target, 1–4 the quarters'.
    private func target(at slot: Int) -> TargetValue? {
        guard let lower = targets[slot] else { return nil }
        guard targets.isRange(slot), let upper = sparse?.values.rangeUppers[slot] else { return TargetValue(lower) }
        return TargetValue(lower: lower, upper: upper)
    }

    private mutating func setTarget(_ value: TargetValue?, at slot: Int) {
        targets[slot] = value?.lower
        let range = value.map(\.isRange) ?? false
        if range || targets.isRange(slot) {
            targets.setRange(slot, range)
            var uppers = sparse?.values.rangeUppers ?? SparseFields.Values.noUppers
            uppers[slot] = range ? value?.upper : nil
            setSparse(\.rangeUppers, uppers)
        }
    }

    /// The end-of-plan (Renstra) target.
    public var renstraTarget: TargetValue? {
        get { sparse?.values.renstraTarget }
        set { setSparse(\.renstraTarget, newValue) }
    }

    /// The year the Renstra ends.
    public var renstraEndYear: Int? {
        get { sparse?.values.renstraEndYear }
        set { setSparse(\.renstraEndYear, newValue) }
    }

    /// pagu_anggaran: the budget ceiling of the indicator's activities.
    public var budgetCeiling: ExactDecimal? {
        get { sparse?.values.budgetCeiling }
        set { setSparse(\.budgetCeiling, newValue) }
    }

    /// realisasi_anggaran per quarter.
    public var budgetActuals: Quarterly<ExactDecimal?> {
        get { sparse?.values.budgetActuals ?? Quarterly(repeating: nil) }
        set { setSparse(\.budgetActuals, newValue) }
    }

    /// bobot; `nil` counts as 1.
    public var weight: ExactDecimal? {
        get { sparse?.values.weight }
        set { setSparse(\.weight, newValue) }
    }

    /// Set when two target rows for this indicator disagree: nothing is computed for it.
    public var conflictingTargetLine: Int32? {
        get { sparse?.values.conflictingTargetLine }
        set { setSparse(\.conflictingTargetLine, newValue) }
    }

    /// penanggung_jawab: who in the OPD answers for the indicator, from its target row or, when
    /// that has none, its first realisation row that names one.
    public var responsible: TextRef {
        get { sparse?.values.responsible ?? .empty }
        set { setSparse(\.responsible, newValue) }
    }

    /// keterangan of each quarter's realisation: the OPD's analysis, obstacles or evidence.
    public var notes: Quarterly<TextRef> {
        get { sparse?.values.notes ?? Quarterly(repeating: .empty) }
        set { setSparse(\.notes, newValue) }
    }

    /// The file of ``conflictingTargetLine``: index into ``Dataset/files``.
    public var conflictingTargetFile: Int? {
        get { sparse?.values.conflictingTargetFile.map(Int.init) }
        set { setSparse(\.conflictingTargetFile, newValue.map { Int32($0) }) }
    }

    public init(year: Int, agency: Int, objectiveCode: TextRef = .empty, objective: TextRef = .empty,
                code: TextRef, name: TextRef, unit: TextRef = .empty,
                polarity: Polarity, aggregation: Aggregation, aggregationInferred: Bool = false,
                annualTarget: TargetValue?, quarterTargets: Quarterly<TargetValue?> = [nil, nil, nil, nil],
                weight: ExactDecimal? = nil, sourceFile: Int = 0, sourceLine: Int32 = 0) {
        storedYear = Int16(year)
        storedAgency = Int32(agency)
        self.objectiveCode = objectiveCode
        self.objective = objective
        self.code = code
        self.name = name
        self.unit = unit
        self.polarity = polarity
        self.aggregation = aggregation
        self.aggregationInferred = aggregationInferred
        self.annualTargetDerived = false
        self.actuals = Quarterly(repeating: .unreported)
        storedSourceFile = Int32(sourceFile)
        self.sourceLine = sourceLine
        self.annualTarget = annualTarget
        self.quarterTargets = quarterTargets
        self.weight = weight
    }

    /// Sets one optional sparse field; setting `nil` where no field is set stores nothing, so it
    /// is done without making the key path or building the box's values: every target row sets
    /// its optional fields, and most of them are empty.
    private mutating func setSparse<Wrapped>(_ field: @autoclosure () -> WritableKeyPath<SparseFields.Values, Wrapped?>,
                                             _ value: Wrapped?) {
        if value == nil && sparse == nil { return }
        var values = sparse?.values ?? SparseFields.Values()
        values[keyPath: field()] = value
        sparse = values.isEmpty ? nil : SparseFields(values)
    }

    /// Sets one sparse field. The box is immutable, so copies of an indicator never see each
    /// other's changes: a new box replaces it, or none when every field is empty.
    private mutating func setSparse<Field>(_ field: WritableKeyPath<SparseFields.Values, Field>, _ value: Field) {
        var values = sparse?.values ?? SparseFields.Values()
        values[keyPath: field] = value
        sparse = values.isEmpty ? nil : SparseFields(values)
    }
}

/// Five optional exact decimals in 48 bytes: the significands side by side, then the scales,
/// then which slots hold a value and which hold the lower bound of a range.
private struct PackedTargets: Sendable {
    private var significands: (Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0)
    private var scales: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)
    private var present: UInt8 = 0
    private var ranges: UInt8 = 0

    subscript(slot: Int) -> ExactDecimal? {
        get {
            guard present & (1 << slot) != 0 else { return nil }
            return withUnsafeBytes(of: significands) { digits in
                withUnsafeBytes(of: scales) { scales in
                    ExactDecimal(significand: digits.load(fromByteOffset: slot * 8, as: Int64.self), scale: scales[slot])
                }
            }
        }
        set {
            let value = newValue ?? ExactDecimal(significand: 0)
            withUnsafeMutableBytes(of: &significands) { $0.storeBytes(of: value.significand, toByteOffset: slot * 8, as: Int64.self) }
            withUnsafeMutableBytes(of: &scales) { $0[slot] = value.scale }
            if newValue == nil { present &= ~(1 << slot) } else { present |= 1 << slot }
        }
    }

    func isRange(_ slot: Int) -> Bool { ranges & (1 << slot) != 0 }

    mutating func setRange(_ slot: Int, _ range: Bool) {
        if range { ranges |= 1 << slot } else { ranges &= ~(1 << slot) }
    }
}

/// The fields of an indicator that most indicators leave empty, kept out of line.
private final class SparseFields: Sendable {
    struct Values: Sendable {
        var renstraTarget: TargetValue?
        var renstraEndYear: Int?
        var budgetCeiling: ExactDecimal?
        var budgetActuals: Quarterly<ExactDecimal?> = Quarterly(repeating: nil)
        var weight: ExactDecimal?
        var conflictingTargetLine: Int32?
        var conflictingTargetFile: Int32?
        var responsible = TextRef.empty
        var notes = Quarterly<TextRef>(repeating: .empty)
        /// The upper bounds of range targets, by the slot of ``Indicator/annualTarget``'s packing.
        var rangeUppers = noUppers

        static let noUppers: [ExactDecimal?] = [nil, nil, nil, nil, nil]

        var isEmpty: Bool {
            renstraTarget == nil && renstraEndYear == nil && budgetCeiling == nil
                && budgetActuals.allSatisfy { $0 == nil } && weight == nil && conflictingTargetLine == nil
                && conflictingTargetFile == nil && responsible.isEmpty && notes.allSatisfy(\.isEmpty)
                && rangeUppers.allSatisfy { $0 == nil }
        }
    }

    let values: Values

    init(_ values: Values) {
        self.values = values
    }
}

/// An agency (OPD): its code and name, and from `opd.csv` its head, who signs its documents.
public struct Agency: Sendable {
    public var code: TextRef
    public var name: TextRef
    public var headName = TextRef.empty
    public var headID = TextRef.empty
    public var headTitle = TextRef.empty
    /// The Pemda it belongs to, when the data carry kode_pemda: index into ``Dataset/pemdas``.
    public var pemda: Int?
}

/// A regional government (Pemda) of data that carry kode_pemda: the same OPD code in two Pemda
/// is two agencies (SPEC §8).
public struct Pemda: Sendable {
    public var code: TextRef
    public var name: TextRef
    /// provinsi, from `pemda.csv`.
    public var province = TextRef.empty
}
