/// The monthly realisations of a load, held beside the dataset until every file is read, then
/// folded into quarters by each indicator's agregasi (SPEC §8).
///
/// Monthly exports are rare, so the months live here, keyed by indicator, rather than in the
/// packed 256-byte ``Indicator``: a load without months keeps an empty table. They are folded
/// only at the end because a quarter folds all of its months, and a month may come in any file.
struct MonthlyActuals {
    /// Where a value was read: the file (index into the load's files) and line.
    struct Place: Equatable {
        var file: Int
        var line: Int32
    }

    /// What is known of one month's realisation of one indicator.
    enum Report: Equatable {
        case unreported
        case reported(ExactDecimal, Place)
        /// Reported with different values: the month, and so its quarter, has no value.
        case conflicting(Place)
    }

    /// The twelve months of one indicator.
    struct Months {
        var actuals = [Report](repeating: .unreported, count: 12)
        /// realisasi_anggaran per month, summed into the quarter.
        var budgets = [(value: ExactDecimal, place: Place)?](repeating: nil, count: 12)
        /// The first month row with a value, per quarter: the quarter's first report.
        var firstReports = [Place?](repeating: nil, count: 4)

        /// Whether any month of `quarter` holds a realisation (or conflicting ones).
        func hasActuals(in quarter: Quarter) -> Bool { firstReports[quarter.index] != nil }

        /// The first month of `quarter` with a budget realisation, if any.
        func firstBudget(in quarter: Quarter) -> (month: Month, place: Place)? {
            quarter.months.lazy.compactMap { month in self.budgets[month.index].map { (month, $0.place) } }.first
        }
    }

    /// What the months of one quarter fold into.
    enum Folded: Equatable {
        /// No month of the quarter holds a value.
        case none
        /// `value` from the months; `exactMean` is set when a rata-rata had no finite decimal
        /// form and `value` is that mean rounded (see ``fold(_:_:aggregation:)``).
        case value(ExactDecimal, exactMean: Fraction?)
        /// A month of the quarter is conflicting; nothing is picked.
        case conflicting(Place)
        /// The exact result does not fit an ``ExactDecimal``.
        case overflow
    }

    /// How many decimals a rata-rata without a finite decimal form keeps: the digits the reports
    /// print for such a mean anywhere else (``Fraction/decimalText(maximumFractionDigits:)``).
    static let meanFractionDigits = 4

    private(set) var byIndicator: [Int: Months] = [:]

    var isEmpty: Bool { byIndicator.isEmpty }

    subscript(indicator: Int) -> Months {
        get { byIndicator[indicator] ?? Months() }
        set { byIndicator[indicator] = newValue }
    }

    /// The months of `quarter` folded by `aggregation`: jumlah sums the reported months,
    /// akhir takes the last reported month (in calendar order), rata-rata their mean.
    ///
    /// The quarter slot holds an ``ExactDecimal``, so a mean such as (80 + 90 + 95) / 3 = 265/3,
    /// which has no finite decimal form, is rounded half away from zero to
    /// ``meanFractionDigits`` decimals (88.3333): the value the reports print for a mean of
    /// quarters, so the printed quarter is the value its capaian is computed from. Every other
    /// result is exact.
    static func fold(_ months: Months, _ quarter: Quarter, aggregation: Aggregation) -> Folded {
        var accumulator = Aggregation.Accumulator(aggregation)
        for month in quarter.months {
            switch months.actuals[month.index] {
            case .unreported: continue
            case .conflicting(let place): return .conflicting(place)
            case .reported(let value, _): accumulator.add(value.fraction)
            }
        }
        guard accumulator.count > 0 else { return .none }
        guard let exact = accumulator.result else { return .overflow }
        if let value = ExactDecimal(exactly: exact) { return .value(value, exactMean: nil) }
        guard aggregation == .mean, let rounded = ExactDecimal(rounding: exact, toScale: meanFractionDigits) else { return .overflow }
        return .value(rounded, exactMean: exact)
    }

    /// The sum of the budget realisations of `quarter`'s months; `nil` when none has one, or
    /// when the sum does not fit an ``ExactDecimal`` (the caller has checked that it does).
    static func budget(_ months: Months, _ quarter: Quarter) -> ExactDecimal? {
        let values = quarter.months.compactMap { months.budgets[$0.index]?.value.fraction }
        guard !values.isEmpty else { return nil }
        return Aggregation.sum.combine(values).flatMap(ExactDecimal.init(exactly:))
    }
}

extension ExactDecimal {
    /// `fraction` rounded half away from zero to `scale` decimals, or to fewer when the digits
    /// would not fit; `nil` when not even the integer does.
    init?(rounding fraction: Fraction, toScale scale: Int) {
        for digits in stride(from: min(scale, Int(ExactDecimal.maximumScale)), through: 0, by: -1) {
            if let units = fraction.rounded(toScale: digits), let significand = Int64(exactly: units) {
                self.init(significand: significand, scale: UInt8(digits))
                return
            }
        }
        return nil
    }
}
