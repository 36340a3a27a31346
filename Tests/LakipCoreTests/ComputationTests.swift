import Testing
@testable import LakipCore

/// An exact decimal from text such as "34.098".
func decimal(_ text: String) -> ExactDecimal {
    guard case .value(let value, _, _) = NumberParser.parse(text, convention: .point) else {
        fatalError("not a number: \(text)")
    }
    return value
}

/// An indicator with the given targets and realisations ("" or nil: none).
func indicator(_ polarity: Polarity, _ aggregation: Aggregation, targets: [String?], annual: String?,
               actuals: [String?]) -> Indicator {
    var result = Indicator(year: 2025, agency: 0, code: .empty, name: .empty, polarity: polarity,
                           aggregation: aggregation, annualTarget: annual.map { TargetValue(decimal($0)) },
                           quarterTargets: Quarterly(targets.map { $0.map { TargetValue(decimal($0)) } }))
    for (index, actual) in actuals.enumerated() {
        if let actual { result.actuals[index] = .reported(decimal(actual), line: Int32(index + 2)) }
    }
    return result
}

@Suite("Achievement formula (SPEC §4)")
struct AchievementFormulaTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let polarity: Polarity
        let formula: NegativeFormula
        let target: String
        let actual: String
        let expected: String
        let notes: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "positif over target", polarity: .positive, formula: .difference, target: "2000", actual: "2100", expected: "105.00", notes: []),
        Case(name: "positif under target", polarity: .positive, formula: .difference, target: "3500", actual: "3600", expected: "102.86", notes: []),
        Case(name: "half-up on the exact value, not a float", polarity: .positive, formula: .difference, target: "40", actual: "34.098", expected: "85.25", notes: []),
        Case(name: "half-up exactly at .xx5", polarity: .positive, formula: .difference, target: "200", actual: "170.49", expected: "85.25", notes: []),
        Case(name: "negatif selisih worse than target", polarity: .negative, formula: .difference, target: "80", actual: "82", expected: "97.50", notes: []),
        Case(name: "negatif selisih far worse: 60.40", polarity: .negative, formula: .difference, target: "75", actual: "104.7", expected: "60.40", notes: []),
        Case(name: "negatif selisih better than target", polarity: .negative, formula: .difference, target: "10", actual: "8", expected: "120.00", notes: []),
        Case(name: "negatif selisih below zero is kept", polarity: .negative, formula: .difference, target: "10", actual: "25", expected: "-50.00", notes: []),
        Case(name: "negatif rasio", polarity: .negative, formula: .ratio, target: "80", actual: "82", expected: "97.56", notes: []),
        Case(name: "negatif rasio better than target", polarity: .negative, formula: .ratio, target: "10", actual: "8", expected: "125.00", notes: []),
        Case(name: "negatif rasio with zero realisation falls back to selisih", polarity: .negative, formula: .ratio, target: "10", actual: "0", expected: "200.00", notes: ["realisasi-nol: rumus selisih dipakai"]),
        Case(name: "target zero, positif met", polarity: .positive, formula: .difference, target: "0", actual: "3", expected: "100.00", notes: ["target-nol"]),
        Case(name: "target zero, positif with zero", polarity: .positive, formula: .difference, target: "0", actual: "0", expected: "100.00", notes: ["target-nol"]),
        Case(name: "target zero, positif not met", polarity: .positive, formula: .difference, target: "0", actual: "-1", expected: "0.00", notes: ["target-nol"]),
        Case(name: "target zero, negatif met", polarity: .negative, formula: .difference, target: "0", actual: "0", expected: "100.00", notes: ["target-nol"]),
        Case(name: "target zero, negatif not met", polarity: .negative, formula: .difference, target: "0", actual: "1", expected: "0.00", notes: ["target-nol"]),
        Case(name: "target zero, negatif rasio not met", polarity: .negative, formula: .ratio, target: "0", actual: "2", expected: "0.00", notes: ["target-nol"]),
        Case(name: "negative target, positif: against |T|", polarity: .positive, formula: .difference, target: "-2", actual: "-1", expected: "150.00", notes: ["target negatif: dihitung terhadap |T|"]),
        Case(name: "negative target, negatif: against |T|", polarity: .negative, formula: .difference, target: "-2", actual: "-3", expected: "150.00", notes: ["target negatif: dihitung terhadap |T|"]),
        Case(name: "negative target, rasio is not used across signs", polarity: .negative, formula: .ratio, target: "-4", actual: "-4", expected: "100.00", notes: ["target negatif: dihitung terhadap |T|"]),
        Case(name: "negative half rounds away from zero", polarity: .negative, formula: .difference, target: "40", actual: "114.098", expected: "-85.25", notes: []),
    ]

    @Test(arguments: cases)
    func achievement(_ c: Case) {
        let result = AchievementFormula.evaluate(target: decimal(c.target).fraction, actual: decimal(c.actual).fraction,
                                                 polarity: c.polarity, negativeFormula: c.formula)
        #expect(result.achievement?.description == c.expected)
        #expect(result.notes == c.notes)
    }
}

@Suite("Kategori (Permendagri 86/2017)")
struct CategoryTests {
    @Test(arguments: [
        ("50.00", "Sangat Rendah"), ("50.99", "Sangat Rendah"), ("51.00", "Rendah"), ("65.00", "Rendah"),
        ("65.99", "Rendah"), ("66.00", "Sedang"), ("75.00", "Sedang"), ("75.99", "Sedang"), ("76.00", "Tinggi"),
        ("90.00", "Tinggi"), ("90.99", "Tinggi"), ("91.00", "Sangat Tinggi"), ("150.00", "Sangat Tinggi"),
        ("-20.00", "Sangat Rendah"),
    ])
    func bounds(_ value: String, _ expected: String) throws {
        let achievement = try #require(Achievement(exactly: decimal(value).fraction))
        #expect(CategoryScale.permendagri86.category(of: achievement) == expected)
    }

    @Test func kategoriUsesThePrintedValue() throws {
        // 90.996 prints as 91.00, so it must be Sangat Tinggi, not Tinggi.
        let achievement = try #require(Achievement(exactly: decimal("90.996").fraction))
        #expect(achievement.description == "91.00")
        #expect(CategoryScale.permendagri86.category(of: achievement) == "Sangat Tinggi")
    }

    @Test func otherScales() {
        #expect(CategoryScale.sangatBaik.category(of: Achievement(hundredths: 7_600)) == "Baik")
        #expect(CategoryScale.binary.category(of: Achievement(hundredths: 9_999)) == "Tidak Tercapai")
        #expect(CategoryScale.binary.category(of: .hundred) == "Tercapai")
    }
}

@Suite("Periods and aggregation (SPEC §4)")
struct PeriodTests {
    let evaluator = Evaluator()

    /// The SPEC's worked example, first row: Angka Kematian Ibu, negatif, akhir, TW3 unreported.
    var maternalMortality: Indicator {
        indicator(.negative, .last, targets: ["80", "78", "76", "75"], annual: "75", actuals: ["82", "79", nil, "104.7"])
    }

    /// The SPEC's worked example, second row: Produksi padi, positif, jumlah.
    var riceProduction: Indicator {
        indicator(.positive, .sum, targets: ["2000", "4000", "3500", "2500"], annual: "12000",
                  actuals: ["2100", "3900", "3600", "2600"])
    }

    /// The first value an accumulator takes is kept as it is; the later ones are added exactly,
    /// whatever their denominators.
    @Test func combiningKeepsTheFirstValueAndAddsTheRestExactly() throws {
        let third = Fraction(numerator: 1, denominator: 3), half = Fraction(numerator: 5, denominator: 10)
        let one = try #require(Aggregation.sum.combine([third]))
        #expect(one.numerator == 1 && one.denominator == 3)
        #expect(Aggregation.sum.combine([half, third]) == Fraction(numerator: 5, denominator: 6))
        #expect(Aggregation.sum.combine([Fraction(numerator: 225, denominator: 100), Fraction(numerator: 75, denominator: 100),
                                         Fraction(numerator: -3, denominator: 1)]) == .zero)
        #expect(Aggregation.mean.combine([Fraction(numerator: 225, denominator: 100), Fraction(numerator: 75, denominator: 100),
                                          third]) == Fraction(numerator: 10, denominator: 9))
        #expect(Aggregation.mean.combine([half]) == half)
        #expect(Aggregation.last.combine([half, third]) == third)
        #expect(Aggregation.sum.combine([]) == nil)
    }

    @Test func workedExampleMaternalMortality() {
        let result = evaluator.evaluate(maternalMortality)
        #expect(result.quarters.map { $0.achievement?.description } == ["97.50", "98.72", nil, "60.40"])
        #expect(result.quarters[2].notes == ["belum dilaporkan"])
        #expect(result.semesters[0].achievement?.description == "98.72")
        #expect(result.semesters[1].achievement?.description == "60.40")
        #expect(result.semesters[1].notes == ["belum lengkap (TW3 belum dilaporkan)"])
        #expect(result.year.achievement?.description == "60.40")
        #expect(result.year.category(in: evaluator.policy.scale) == "Rendah")
        #expect(result.progress[1].achievement?.description == "94.67")
        #expect(result.progress[1].actual == decimal("79").fraction)
    }

    @Test func workedExampleRiceProduction() {
        let result = evaluator.evaluate(riceProduction)
        #expect(result.quarters.map { $0.achievement?.description } == ["105.00", "97.50", "102.86", "104.00"])
        #expect(result.semesters.map { $0.achievement?.description } == ["100.00", "103.33"])
        #expect(result.semesters[0].target == Fraction(6000))
        #expect(result.year.actual == Fraction(12200))
        #expect(result.year.achievement?.description == "101.67")
        #expect(result.year.category(in: evaluator.policy.scale) == "Sangat Tinggi")
        #expect(result.progress[1].achievement?.description == "50.00")
    }

    struct AggregationCase: CustomTestStringConvertible, Sendable {
        let name: String
        let aggregation: Aggregation
        let actuals: [String?]
        let s1: String?
        let s2: String?
        let year: String?
        let throughTW3: String?
        var testDescription: String { name }
    }

    static let aggregationCases: [AggregationCase] = [
        AggregationCase(name: "jumlah", aggregation: .sum, actuals: ["10", "20", "30", "40"], s1: "30", s2: "70", year: "100", throughTW3: "60"),
        AggregationCase(name: "jumlah with a gap", aggregation: .sum, actuals: ["10", nil, "30", "40"], s1: "10", s2: "70", year: "80", throughTW3: "40"),
        AggregationCase(name: "akhir", aggregation: .last, actuals: ["10", "20", "30", "40"], s1: "20", s2: "40", year: "40", throughTW3: "30"),
        AggregationCase(name: "akhir takes the last reported", aggregation: .last, actuals: ["10", "20", "30", nil], s1: "20", s2: "30", year: "30", throughTW3: "30"),
        AggregationCase(name: "rata-rata", aggregation: .mean, actuals: ["10", "20", "30", "41"], s1: "15", s2: "35.5", year: "25.25", throughTW3: "20"),
        AggregationCase(name: "rata-rata of reported only", aggregation: .mean, actuals: ["10", nil, "40", nil], s1: "10", s2: "40", year: "25", throughTW3: "25"),
        AggregationCase(name: "rata-rata without a finite decimal", aggregation: .mean, actuals: ["10", "10", "11", nil], s1: "10", s2: "11", year: "10.3333", throughTW3: "10.3333"),
        AggregationCase(name: "nothing reported", aggregation: .sum, actuals: [nil, nil, nil, nil], s1: nil, s2: nil, year: nil, throughTW3: nil),
    ]

    @Test(arguments: aggregationCases)
    func aggregation(_ c: AggregationCase) {
        let result = evaluator.evaluate(indicator(.positive, c.aggregation, targets: ["10", "10", "10", "10"], annual: "40",
                                                  actuals: c.actuals))
        #expect(result.semesters[0].actual?.decimalText() == c.s1)
        #expect(result.semesters[1].actual?.decimalText() == c.s2)
        #expect(result.year.actual?.decimalText() == c.year)
        #expect(result.progress[2].actual?.decimalText() == c.throughTW3)
    }

    @Test func meanCapaianIsComputedOnTheExactMean() {
        // Mean of 10, 10, 11 is 31/3; against 9: 31/27 × 100 = 114.814… → 114.81.
        let result = evaluator.evaluate(indicator(.positive, .mean, targets: [nil, nil, nil, nil], annual: "9",
                                                  actuals: ["10", "10", "11", nil]))
        #expect(result.year.achievement?.description == "114.81")
    }

    @Test func semesterTargetsFollowTheAggregation() {
        let sum = evaluator.evaluate(indicator(.positive, .sum, targets: ["1", "2", "3", "4"], annual: "10", actuals: []))
        let last = evaluator.evaluate(indicator(.positive, .last, targets: ["1", "2", "3", "4"], annual: "4", actuals: []))
        let mean = evaluator.evaluate(indicator(.positive, .mean, targets: ["1", "2", "3", "4"], annual: "2.5", actuals: []))
        #expect(sum.semesters.map { $0.target?.decimalText() } == ["3", "7"])
        #expect(last.semesters.map { $0.target?.decimalText() } == ["2", "4"])
        #expect(mean.semesters.map { $0.target?.decimalText() } == ["1.5", "3.5"])
    }

    @Test func missingRealisationIsNeverZeroNorHundred() {
        let result = evaluator.evaluate(indicator(.positive, .sum, targets: ["0", "0", "0", "0"], annual: "0",
                                                  actuals: [nil, nil, nil, nil]))
        for outcome in result.reportedPeriods {
            #expect(outcome.achievement == nil)
            #expect(outcome.category(in: evaluator.policy.scale) == nil)
            #expect(outcome.notes.contains("belum dilaporkan"))
        }
    }

    @Test func progressIsAgainstTheAnnualTarget() {
        let result = evaluator.evaluate(riceProduction)
        #expect(result.progress.map { $0.achievement?.description } == ["17.50", "50.00", "80.00", "101.67"])
        #expect(result.progress.map { $0.actual?.decimalText() } == ["2100", "6000", "9600", "12200"])
    }

    /// The evaluator takes progress to TW4 from the year's outcome rather than working it out
    /// again; every field must be what working it out gives, for any data and policy.
    @Test func progressToTW4IsWhatComputingItGives() {
        var random = SplitMix64(seed: 91)
        // Two decimals, mostly positive, some negative.
        func value(_ limit: Int64) -> ExactDecimal {
            ExactDecimal(significand: Int64.random(in: -limit...limit * 4, using: &random), scale: 2)
        }
        func target() -> TargetValue? {
            switch Int.random(in: 0..<5, using: &random) {
            case 0: nil
            case 1: TargetValue(lower: value(10_000), upper: value(10_000))
            case 2: TargetValue(ExactDecimal(0))
            default: TargetValue(value(10_000))
            }
        }
        var compared = 0
        for _ in 0..<3_000 {
            var subject = Indicator(year: 2025, agency: 0, code: .empty, name: .empty,
                                    polarity: Bool.random(using: &random) ? .positive : .negative,
                                    aggregation: [.sum, .last, .mean].randomElement(using: &random)!,
                                    annualTarget: target(), quarterTargets: Quarterly(byQuarter: { _ in target() }))
            for index in 0..<4 {
                switch Int.random(in: 0..<6, using: &random) {
                case 0: subject.actuals[index] = .unreported
                case 1: subject.actuals[index] = .conflicting(firstLine: 2)
                default: subject.actuals[index] = .reported(value(10_000), line: Int32(index + 2))
                }
            }
            let policy = Policy(negativeFormula: Bool.random(using: &random) ? .difference : .ratio,
                                cap: Bool.random(using: &random) ? Achievement(hundredths: 12_000) : nil)
            let evaluator = Evaluator(policy: policy, through: Quarter.allCases.randomElement(using: &random)!)
            let computed = evaluator.outcome(.throughQuarter(.tw4), target: subject.annualTarget.map(Evaluator.PeriodTarget.init),
                                             of: subject)
            var taken = "", expected = ""
            dump(evaluator.evaluate(subject).progress[Quarter.tw4.index], to: &taken)
            dump(computed, to: &expected)
            #expect(taken == expected)
            if computed.achievement != nil { compared += 1 }
        }
        // Most draws have a capaian to compare, not only empty outcomes.
        #expect(compared > 1_000, "\(compared) with a capaian")
    }

    @Test func asOfIgnoresLaterQuarters() {
        let asOf = Evaluator(policy: Policy(asOf: .tw2))
        let result = asOf.evaluate(riceProduction)
        #expect(result.quarters[2].actual == nil)
        #expect(result.quarters[3].achievement == nil)
        #expect(result.quarters[2].notes == ["di luar periode laporan (s.d. TW2)"])
        #expect(result.semesters[1].actual == nil)
        #expect(result.year.actual == Fraction(6000))
        #expect(result.year.achievement?.description == "50.00")
        #expect(result.year.notes == ["s.d. TW2"])
        #expect(result.year.actual == result.progress[1].actual)
        // The headline of a TW2 report: s.d. TW2 against the plan s.d. TW2, 6000 of 2000 + 4000 (SPEC §4.1).
        #expect(result.headline.period == .throughQuarter(.tw2))
        #expect(result.headline.target == Fraction(6000) && result.headline.actual == Fraction(6000))
        #expect(result.headline.achievement?.description == "100.00" && result.headline.category(in: asOf.policy.scale) == "Sangat Tinggi")
        #expect(result.headlineProgress.achievement?.description == "50.00")
    }

    @Test func conflictingQuarterEmptiesEveryPeriodThatHoldsIt() {
        var value = riceProduction
        value.actuals[1] = .conflicting(firstLine: 3)
        let result = evaluator.evaluate(value)
        #expect(result.quarters[0].achievement?.description == "105.00")
        #expect(result.quarters[1].achievement == nil)
        #expect(result.semesters[0].actual == nil)
        #expect(result.semesters[0].notes == ["realisasi TW2 ganda bertentangan"])
        #expect(result.semesters[1].achievement?.description == "103.33")
        #expect(result.year.actual == nil)
    }

    @Test func conflictingTargetComputesNothing() {
        var value = riceProduction
        value.conflictingTargetLine = 9
        let result = evaluator.evaluate(value)
        #expect(result.reportedPeriods.allSatisfy { $0.achievement == nil && $0.actual == nil })
        #expect(result.indicatorNotes.contains { $0.hasPrefix("target ganda bertentangan") })
    }

    @Test func noTargetLeavesCapaianEmptyButKeepsRealisation() {
        let result = evaluator.evaluate(indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "100",
                                                  actuals: ["30", "30", nil, nil]))
        #expect(result.quarters[0].actual == Fraction(30))
        #expect(result.quarters[0].achievement == nil)
        #expect(result.quarters[0].notes == ["target tidak ada"])
        #expect(result.year.achievement?.description == "60.00")
    }
}

@Suite("Agency roll-up")
struct AgencySummaryTests {
    @Test func weightedMeanCountsAndCompleteness() {
        let policy = Policy()
        let evaluator = Evaluator(policy: policy)
        var summary = AgencySummary(agency: 0, categoryCount: policy.scale.labels.count)
        var heavy = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "100", actuals: ["100", nil, nil, nil])
        heavy.weight = decimal("3")
        let light = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "100", actuals: ["60", "0", nil, nil])
        let unreported = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "100", actuals: [])
        for item in [heavy, light, unreported] { summary.add(evaluator.evaluate(item), of: item, policy: policy) }
        #expect(summary.indicatorCount == 3)
        #expect(summary.measuredCount == 2)
        // (100 × 3 + 60 × 1) / 4 = 90
        #expect(summary.meanAchievement?.description == "90.00")
        #expect(summary.categoryCounts == [1, 0, 0, 1, 0])
        #expect(summary.atLeastHundredShare?.description == "50.00")
        // 3 reported quarter values of 12 expected.
        #expect(summary.completeness?.description == "25.00")
    }

    @Test func rankingBreaksTiesByCode() {
        let policy = Policy()
        let evaluator = Evaluator(policy: policy)
        func summary(_ agency: Int, _ actual: String?) -> AgencySummary {
            var s = AgencySummary(agency: agency, categoryCount: 5)
            let item = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "100", actuals: [actual])
            s.add(evaluator.evaluate(item), of: item, policy: policy)
            return s
        }
        let codes = ["B", "A", "C", "D"]
        let ranked = AgencySummary.ranked([summary(0, "80"), summary(1, "80"), summary(2, "95"), summary(3, nil)]) { codes[$0] }
        #expect(ranked.map { codes[$0.agency] } == ["C", "A", "B", "D"])
    }
}

@Suite("Exact arithmetic")
struct ExactArithmeticTests {
    @Test(arguments: [
        ("85.245", 2, "85.25"), ("-85.245", 2, "-85.25"), ("85.2449", 2, "85.24"), ("0.005", 2, "0.01"),
        ("-0.004", 2, "0.00"), ("99.995", 2, "100.00"),
    ])
    func halfUpRounding(_ text: String, _ scale: Int, _ expected: String) throws {
        let units = try #require(decimal(text).fraction.rounded(toScale: scale))
        let printed = Fraction.decimalText(units: units, scale: scale, trimTrailingZeros: false)
        #expect(printed == expected)
    }

    @Test func printsTheDecimalsTheValueNeeds() {
        #expect(decimal("4.880").fraction.decimalText() == "4.88")
        #expect(decimal("12000").fraction.decimalText() == "12000")
        #expect(decimal("0.1").fraction.adding(decimal("0.2").fraction)?.decimalText() == "0.3")
        #expect(Fraction(numerator: 1, denominator: 3).decimalText() == "0.3333")
        #expect(Fraction(numerator: -7, denominator: 8).decimalText() == "-0.875")
    }

    @Test func equalityIsNumeric() {
        #expect(decimal("1.50") == decimal("1.5"))
        #expect(decimal("1.50").hashValue == decimal("1.5").hashValue)
        #expect(decimal("2") < decimal("2.01"))
        #expect(Fraction(numerator: 1, denominator: 3) < Fraction(numerator: 34, denominator: 100))
        #expect(!(Fraction(numerator: -1, denominator: 3) < Fraction(numerator: -34, denominator: 100)))
    }

    @Test("fraction equality is numeric: same denominator, cross products, and past Int128 overflow")
    func fractionEquality() {
        let big = Int128.max / 3
        let cases: [(Fraction, Fraction, Bool)] = [
            (Fraction(numerator: 150, denominator: 100), Fraction(numerator: 3, denominator: 2), true),
            (Fraction(numerator: 151, denominator: 100), Fraction(numerator: 3, denominator: 2), false),
            (Fraction(numerator: 7, denominator: 10), Fraction(numerator: 7, denominator: 10), true),
            (Fraction(numerator: -1, denominator: 3), Fraction(numerator: 2, denominator: -6), true),
            (Fraction(numerator: -1, denominator: 3), Fraction(numerator: 1, denominator: 3), false),
            // Cross products overflow; only reducing tells them apart.
            (Fraction(numerator: big, denominator: big - 1), Fraction(numerator: big * 2, denominator: (big - 1) * 2), true),
            (Fraction(numerator: big, denominator: big - 1), Fraction(numerator: big - 2, denominator: big - 3), false),
        ]
        for (a, b, equal) in cases {
            #expect((a == b) == equal, "\(a) == \(b)")
            #expect((b == a) == equal, "\(b) == \(a)")
            if equal { #expect(a.hashValue == b.hashValue) }
        }
    }

    @Test("a sum of decimals is the sum of the numerators at the larger scale, as the cross-multiplied sum says")
    func sumsOfDecimals() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let (a, b) = (Int.random(in: 0...18, using: &generator), Int.random(in: 0...18, using: &generator))
            let left = Fraction(numerator: Int128(Int64.random(in: Int64.min...Int64.max, using: &generator)),
                                denominator: Fraction.powerOfTen(a))
            let right = Fraction(numerator: Int128(Int32.random(in: Int32.min...Int32.max, using: &generator)),
                                 denominator: Fraction.powerOfTen(b))
            guard let sum = left.adding(right) else {
                Issue.record("\(left) + \(right) overflowed")
                continue
            }
            // a/10^x + c/10^y = (a·10^y + c·10^x) / 10^(x+y), compared by cross-multiplying.
            let exact = Fraction(numerator: left.numerator * right.denominator + right.numerator * left.denominator,
                                 denominator: left.denominator * right.denominator)
            #expect(sum == exact, "\(left) + \(right)")
            #expect(sum.denominator == max(left.denominator, right.denominator), "\(left) + \(right)")
        }
    }

    @Test("the written-out powers of ten are 10 multiplied by itself, up to the largest in Int128")
    func powersOfTen() {
        var power: Int128 = 1
        for exponent in 0...38 {
            #expect(Fraction.powerOfTen(exponent) == power, "10^\(exponent)")
            if exponent < 38 { power *= 10 }
        }
        // 10^38 is the last power below Int128.max (about 1.7 × 10^38).
        #expect(power.multipliedReportingOverflow(by: 10).overflow)
        #expect(Fraction.zero == Fraction(0) && Fraction.zero.isZero && Fraction.zero.denominator == 1)
    }

    @Test func overflowIsReportedNotTrapped() {
        let huge = Fraction(numerator: Int128.max / 2)
        #expect(huge.adding(huge)?.adding(huge) == nil)
        #expect(huge.multiplied(by: Fraction(3)) == nil)
    }
}
