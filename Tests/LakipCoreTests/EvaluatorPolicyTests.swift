import Foundation
import Testing
@testable import LakipCore

/// A fresh empty directory under the system's temporary directory.
func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("lakip-policy-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func writeFile(_ path: String, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// Loads a directory holding `files` (name → text).
func load(_ files: [String: String], options: LoadOptions = LoadOptions()) throws -> Dataset {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for (name, text) in files { try writeFile(directory + "/" + name, text) }
    return try DataLoader(options: options).load(directory: directory)
}

/// A target range "lower-upper".
func range(_ lower: String, _ upper: String) -> TargetValue {
    TargetValue(lower: decimal(lower), upper: decimal(upper))
}

@Suite("Range targets")
struct RangeTargetTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let polarity: Polarity
        let actual: String
        let expected: String
        let note: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "positif below the range: against the lower bound", polarity: .positive, actual: "72", expected: "90.00",
             note: "di luar rentang target: dibandingkan dengan batas terdekat"),
        Case(name: "positif on the lower bound", polarity: .positive, actual: "80", expected: "100.00", note: "dalam rentang target"),
        Case(name: "positif inside", polarity: .positive, actual: "85.5", expected: "100.00", note: "dalam rentang target"),
        Case(name: "positif above the range: against the upper bound", polarity: .positive, actual: "99", expected: "110.00",
             note: "di luar rentang target: dibandingkan dengan batas terdekat"),
        Case(name: "negatif below the range is better", polarity: .negative, actual: "72", expected: "110.00",
             note: "di luar rentang target: dibandingkan dengan batas terdekat"),
        Case(name: "negatif inside", polarity: .negative, actual: "90", expected: "100.00", note: "dalam rentang target"),
        Case(name: "negatif above the range is worse", polarity: .negative, actual: "99", expected: "90.00",
             note: "di luar rentang target: dibandingkan dengan batas terdekat"),
    ]

    @Test(arguments: cases)
    func rangeTarget(_ c: Case) {
        var item = indicator(c.polarity, .last, targets: [nil, nil, nil, nil], annual: nil, actuals: Array(repeating: c.actual, count: 4))
        item.annualTarget = range("80", "90")
        let result = Evaluator().evaluate(item).year
        #expect(result.achievement?.description == c.expected)
        #expect(result.notes == [c.note])
        #expect(result.target == decimal("80").fraction)
        #expect(result.targetUpper == decimal("90").fraction)
    }

    @Test func semesterRangeCombinesBoundByBound() {
        var item = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: nil, actuals: ["45", "50", nil, nil])
        item.quarterTargets = [range("40", "50"), range("45", "55"), nil, nil]
        let result = Evaluator().evaluate(item)
        #expect(result.semesters[0].target == Fraction(85))
        #expect(result.semesters[0].targetUpper == Fraction(105))
        #expect(result.semesters[0].achievement?.description == "100.00")
    }
}

@Suite("Grade indicators")
struct GradeTests {
    @Test(arguments: [("TMP", 1), ("TW", 2), ("WDP", 3), ("WTP", 4), ("wtp", 4), (" WDP ", 3)])
    func opiniBPKRanks(_ grade: String, _ rank: Int) {
        #expect(GradeScale.opiniBPK.rank(of: grade) == rank)
    }

    @Test(arguments: [("D", 1), ("C", 2), ("CC", 3), ("B", 4), ("BB", 5), ("A", 6), ("AA", 7)])
    func predikatSAKIPRanks(_ grade: String, _ rank: Int) {
        #expect(GradeScale.predikatSAKIP.rank(of: grade) == rank)
        #expect(GradeScale.predikatSAKIP.grade(ofRank: rank) == grade)
    }

    @Test func unknownGradeHasNoRank() {
        #expect(GradeScale.opiniBPK.rank(of: "WTP-DPP") == nil)
        #expect(GradeScale.predikatSAKIP.rank(of: "AAA") == nil)
    }

    @Test(arguments: [("WTP", "WTP", "100.00"), ("WTP", "WDP", "75.00"), ("WTP", "TW", "50.00"), ("WDP", "WTP", "133.33")])
    func capaianIsRankOverRank(_ target: String, _ actual: String, _ expected: String) {
        let scale = GradeScale.opiniBPK
        var item = indicator(.positive, .last, targets: [nil, nil, nil, nil], annual: nil, actuals: [])
        item.gradeScale = 0
        item.annualTarget = TargetValue(ExactDecimal(scale.rank(of: target)!))
        item.actuals[3] = .reported(ExactDecimal(scale.rank(of: actual)!), line: 5)
        #expect(Evaluator().evaluate(item).year.achievement?.description == expected)
    }
}

@Suite("Policy: cap, scales, weights")
struct PolicyRuleTests {
    @Test func capLimitsThePrintedCapaianAndKeepsTheUncappedValue() throws {
        let cap = try #require(Achievement(exactly: Fraction(120)))
        let item = indicator(.positive, .sum, targets: ["10", nil, nil, nil], annual: "10", actuals: ["15", nil, nil, nil])
        let result = Evaluator(policy: Policy(cap: cap)).evaluate(item)
        #expect(result.year.achievement?.description == "120.00")
        #expect(result.year.notes.contains("dibatasi 120.00 (semula 150.00)"))
        #expect(result.quarters[0].achievement?.description == "120.00")
        let uncapped = Evaluator().evaluate(item)
        #expect(uncapped.year.achievement?.description == "150.00")
    }

    @Test func capAppliesBeforeKategoriAndRanking() throws {
        let cap = try #require(Achievement(exactly: Fraction(100)))
        let policy = Policy(scale: .binary, cap: cap)
        var summary = AgencySummary(agency: 0, categoryCount: policy.scale.labels.count)
        let item = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "10", actuals: ["30", nil, nil, nil])
        summary.add(Evaluator(policy: policy).evaluate(item), of: item, policy: policy)
        #expect(summary.meanAchievement?.description == "100.00")
        #expect(summary.categoryCounts == [1, 0])
    }

    @Test(arguments: CategoryScale.choices)
    func labelCountCountsTheLabels(scale: CategoryScale) {
        #expect(scale.labelCount == scale.labels.count)
        #expect(scale.bandIndex(of: Achievement(hundredths: -1)) == scale.labelCount - 1)
    }

    @Test(arguments: [["1", "1"], ["10", "10"], ["0.5", "0.5"], ["30", "30"]])
    func equalWeightsOfAnySumGiveThePlainMean(_ weights: [String]) {
        var summary = AgencySummary(agency: 0, categoryCount: 5)
        for (weight, actual) in zip(weights, ["80", "100"]) {
            var item = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "100", actuals: [actual])
            item.weight = decimal(weight)
            summary.add(Evaluator().evaluate(item), of: item, policy: Policy())
        }
        #expect(summary.meanAchievement?.description == "90.00")
    }

    @Test func weightsAreNormalised() {
        // 80 with weight 15 and 100 with weight 5: (1200 + 500) / 20 = 85.
        var summary = AgencySummary(agency: 0, categoryCount: 5)
        for (weight, actual) in [("15", "80"), ("5", "100")] {
            var item = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "100", actuals: [actual])
            item.weight = decimal(weight)
            summary.add(Evaluator().evaluate(item), of: item, policy: Policy())
        }
        #expect(summary.meanAchievement?.description == "85.00")
    }

    @Test func pemdaTotalCountsEachAgencyMeanByItsMeasuredIndicators() {
        func summary(_ actuals: [String]) -> AgencySummary {
            var result = AgencySummary(agency: 0, categoryCount: 5)
            for actual in actuals {
                let item = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "100", actuals: [actual])
                result.add(Evaluator().evaluate(item), of: item, policy: Policy())
            }
            return result
        }
        let total = AgencySummary.total(of: [summary(["100"]), summary(["70", "70", "70"])])
        #expect(total.indicatorCount == 4)
        #expect(total.measuredCount == 4)
        // (100 × 1 + 70 × 3) / 4 = 77.5
        #expect(total.meanAchievement?.description == "77.50")
        #expect(total.categoryCounts == [1, 0, 3, 0, 0])
    }

    @Test(arguments: [
        (Polarity.positive, "10", "12", "membaik"), (.positive, "12", "10", "memburuk"), (.positive, "10", "10", "tetap"),
        (.negative, "10", "12", "memburuk"), (.negative, "12", "10", "membaik"),
    ])
    func directionOfChangeFollowsPolarity(_ polarity: Polarity, _ earlier: String, _ current: String, _ expected: String) {
        #expect(Direction(from: decimal(earlier).fraction, to: decimal(current).fraction, polarity: polarity)?.rawValue == expected)
        #expect(Direction(from: nil, to: decimal(current).fraction, polarity: polarity) == nil)
    }
}

@Suite("Budget summary")
struct BudgetSummaryTests {
    @Test func absorptionEfficiencyAndAnUnreportedQuarter() {
        var summary = BudgetSummary(categoryCount: 5)
        var item = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "100", actuals: ["90"])
        item.budgetCeiling = decimal("1000000")
        item.budgetActuals = [decimal("200000"), decimal("300000"), nil, decimal("300000")]
        summary.add(item, Evaluator().evaluate(item), policy: Policy())
        #expect(summary.quarters.map { $0?.decimalText() } == ["200000", "300000", nil, "300000"])
        #expect(summary.spent == Fraction(800_000))
        #expect(summary.absorption?.description == "80.00")
        #expect(summary.performance.meanAchievement?.description == "90.00")
        // 90 / 80 × 100
        #expect(summary.efficiency?.description == "112.50")
    }

    @Test func asOfLeavesLaterBudgetQuartersOut() {
        var summary = BudgetSummary(categoryCount: 5)
        var item = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "100", actuals: ["90"])
        item.budgetCeiling = decimal("100")
        item.budgetActuals = [decimal("10"), decimal("20"), decimal("30"), nil]
        let policy = Policy(asOf: .tw2)
        summary.add(item, Evaluator(policy: policy).evaluate(item), policy: policy)
        #expect(summary.spent == Fraction(30))
    }

    @Test func noCeilingMeansNoAbsorption() {
        var summary = BudgetSummary(categoryCount: 5)
        var item = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "100", actuals: ["90"])
        item.budgetActuals = [decimal("10"), nil, nil, nil]
        summary.add(item, Evaluator().evaluate(item), policy: Policy())
        #expect(summary.absorption == nil)
        #expect(summary.efficiency == nil)
    }
}

@Suite("Policy file")
struct PolicyFileTests {
    @Test func readsEveryKey() throws {
        let file = try PolicyFile(text: """
            # kebijakan Pemda
            rumus_negatif = "rasio"
            skala = "kustom"
            batas_capaian = 120.5

            [skala_kustom]
            nama = "tiga"
            batas = [90, 60]
            label = ["Baik", "Cukup", "Kurang"]   # tiga label

            [predikat]
            indeks_rb = ["D", "C", "B", "A"]

            [alias]
            "Kode Satker" = "kode_opd"
            """)
        #expect(file.negativeFormula == .ratio)
        #expect(file.cap?.description == "120.50")
        #expect(file.scale?.labels == ["Baik", "Cukup", "Kurang"])
        #expect(file.scale?.labelCount == 3)
        #expect(file.scale?.category(of: Achievement(hundredths: 6_000)) == "Cukup")
        #expect(file.gradeScales == [GradeScale(name: "indeks_rb", grades: ["D", "C", "B", "A"])])
        #expect(file.headerAliases == ["Kode Satker": "kode_opd"])
        let policy = file.applied(to: Policy(), source: "lakip.toml")
        #expect(policy.gradeScales.count == 3)
        #expect(policy.negativeFormula == .ratio)
    }

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let line: Int
        let key: String?
        let fragment: String
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(name: "unknown key", text: "skala = \"baik\"\nwarna = \"merah\"", line: 2, key: "warna", fragment: "kunci tidak dikenal"),
        ErrorCase(name: "unknown table", text: "[warna]\nx = 1", line: 1, key: "warna", fragment: "tabel tidak dikenal"),
        ErrorCase(name: "bad formula", text: "rumus_negatif = \"bagi\"", line: 1, key: "rumus_negatif", fragment: "selisih"),
        ErrorCase(name: "unknown scale", text: "skala = \"hebat\"", line: 1, key: "skala", fragment: "tidak dikenal"),
        ErrorCase(name: "cap not a number", text: "batas_capaian = \"tinggi\"", line: 1, key: "batas_capaian", fragment: "angka"),
        ErrorCase(name: "cap zero", text: "batas_capaian = 0", line: 1, key: "batas_capaian", fragment: "lebih dari 0"),
        ErrorCase(name: "bad bound order", text: "skala = \"kustom\"\n[skala_kustom]\nbatas = [60, 90]\nlabel = [\"a\", \"b\", \"c\"]",
                  line: 3, key: "batas", fragment: "urut"),
        ErrorCase(name: "equal bounds", text: "skala = \"kustom\"\n[skala_kustom]\nbatas = [60, 60]\nlabel = [\"a\", \"b\", \"c\"]",
                  line: 3, key: "batas", fragment: "urut"),
        ErrorCase(name: "label count", text: "skala = \"kustom\"\n[skala_kustom]\nbatas = [90, 60]\nlabel = [\"a\", \"b\"]",
                  line: 4, key: "label", fragment: "label harus 3"),
        ErrorCase(name: "custom scale without table", text: "skala = \"kustom\"", line: 1, key: "skala", fragment: "[skala_kustom]"),
        ErrorCase(name: "grade scale of one", text: "[predikat]\nx = [\"A\"]", line: 2, key: "x", fragment: "dua predikat"),
        ErrorCase(name: "alias to an unknown column", text: "[alias]\n\"Kode\" = \"kode_rahasia\"", line: 2, key: "Kode",
                  fragment: "tidak dikenal"),
        ErrorCase(name: "not an assignment", text: "skala", line: 1, key: nil, fragment: "kunci = nilai"),
        ErrorCase(name: "unclosed array", text: "[predikat]\nx = [\"A\", \"B\"", line: 2, key: "x", fragment: "ditutup"),
        ErrorCase(name: "decimal comma", text: "skala = \"baik\"\nbatas_capaian = 1,5", line: 2, key: "batas_capaian",
                  fragment: "titik desimal"),
        ErrorCase(name: "a key written twice", text: "skala = \"baik\"\n\nskala = \"biner\"", line: 3, key: "skala",
                  fragment: "sudah ditulis"),
        ErrorCase(name: "unclosed text", text: "rumus_negatif = \"rasio", line: 1, key: "rumus_negatif", fragment: "tanda kutip"),
        ErrorCase(name: "unclosed table header", text: "[alias\n\"a\" = \"kode_opd\"", line: 1, key: nil, fragment: "judul tabel"),
        ErrorCase(name: "a table where a value belongs", text: "skala_kustom = 3", line: 1, key: "skala_kustom", fragment: "harus tabel"),
        ErrorCase(name: "an unknown key in a table", text: "[skala_kustom]\nnama = \"x\"\nwarna = 1", line: 3, key: "warna",
                  fragment: "tidak dikenal di tabel [skala_kustom]"),
    ]

    @Test("full TOML: multi-line arrays, inline tables, floats read exactly, grade scales in file order")
    func fullTOML() throws {
        let file = try PolicyFile(text: """
            skala = "kustom"
            skala_kustom = { nama = "dua", batas = [66.7], label = ["Cukup", "Kurang"] }

            [predikat]
            zeta = ["C", "B", "A"]
            alfa = [
              "rendah",   # the lowest first
              "tinggi",
            ]
            """)
        #expect(file.scale?.bands.map(\.lowerBound.description) == ["66.70"])
        #expect(file.scale?.name == "dua")
        // Written order, not the parser's alphabetical one: validasi.csv lists them as the file does.
        #expect(file.gradeScales.map(\.name) == ["zeta", "alfa"])
        #expect(file.gradeScales.last?.grades == ["rendah", "tinggi"])
    }

    @Test(arguments: errorCases)
    func errorsNameTheLineAndKey(_ c: ErrorCase) {
        #expect {
            _ = try PolicyFile(text: c.text)
        } throws: { error in
            guard let error = error as? PolicyError else { return false }
            return error.line == c.line && error.key == c.key && error.message.contains(c.fragment)
        }
    }

    @Test func commandLineOverridesTheFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeFile(directory + "/lakip.toml", "skala = \"biner\"\nrumus_negatif = \"rasio\"\nbatas_capaian = 150\n")
        var options = JobOptions(dataDirectory: directory)
        let fromFile = try options.resolvePolicy()
        #expect(fromFile.scale.name == "biner")
        #expect(fromFile.negativeFormula == .ratio)
        #expect(fromFile.source == "lakip.toml")
        options.scaleName = "baik"
        options.negativeFormula = .difference
        options.cap = decimal("110")
        let overridden = try options.resolvePolicy()
        #expect(overridden.scale.name == "baik")
        #expect(overridden.negativeFormula == .difference)
        #expect(overridden.cap?.description == "110.00")
    }
}

@Suite("Loading evaluator columns")
struct EvaluatorColumnLoadingTests {
    static let header = "tahun,kode_opd,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan,target_tw1,target_tw2,"
        + "target_tw3,target_tw4,bobot,target_renstra,tahun_akhir_renstra,pagu_anggaran\n"

    @Test func rangesGradesRenstraBudgetAndWeights() throws {
        let dataset = try load([
            "target.csv": Self.header
                + "2025,A,R,Rasio belanja,%,negatif,akhir,80-90,,,,,\"12,5\",70 – 75,2026,1000000\n"
                + "2025,A,G,Opini BPK,predikat,positif,akhir,WTP,,,,,,WTP,2026,\n"
                + "2025,A,S,Predikat SAKIP,predikat,negatif,jumlah,BB,,,,,,,,\n",
            "realisasi.csv": "tahun,kode_opd,kode_indikator,triwulan,realisasi,realisasi_anggaran\n"
                + "2025,A,R,1,85,250000\n2025,A,R,2,92,\n2025,A,G,4,WDP,\n2025,A,S,4,b,\n",
        ])
        #expect(dataset.rowsRejected == 0)
        let rangeIndicator = dataset.indicators[0]
        #expect(rangeIndicator.annualTarget == range("80", "90"))
        #expect(rangeIndicator.renstraTarget == range("70", "75"))
        #expect(rangeIndicator.renstraEndYear == 2026)
        #expect(rangeIndicator.weight == decimal("12.5"))
        #expect(rangeIndicator.budgetCeiling == decimal("1000000"))
        #expect(rangeIndicator.budgetActuals == [decimal("250000"), nil, nil, nil])
        let opini = dataset.indicators[1]
        #expect(opini.gradeScale.map { dataset.gradeScales[$0].name } == "Opini BPK")
        #expect(opini.annualTarget == TargetValue(ExactDecimal(4)))
        #expect(opini.actuals[3] == .reported(ExactDecimal(3), line: 4))
        #expect(Evaluator().evaluate(opini).year.achievement?.description == "75.00")
        // A grade indicator is ranked: positive and akhir whatever the row said, and that is noted.
        let sakip = dataset.indicators[2]
        #expect(sakip.polarity == .positive && sakip.aggregation == .last)
        #expect(dataset.issues.contains { $0.code == "predikat" && $0.line == 4 })
        #expect(Evaluator().evaluate(sakip).year.achievement?.description == "80.00")
    }

    @Test func unknownGradeIsAnErrorNamingTheAllowedValues() throws {
        let dataset = try load([
            "target.csv": Self.header + "2025,A,G,Opini BPK,predikat,positif,akhir,WTP,,,,,,,,\n",
            "realisasi.csv": "tahun,kode_opd,kode_indikator,triwulan,realisasi\n2025,A,G,4,WTP-DPP\n",
        ])
        let error = try #require(dataset.issues.first { $0.severity == .error })
        #expect(error.code == "predikat-tidak-dikenal")
        #expect(error.message.contains("TMP, TW, WDP, WTP"))
        #expect(error.line == 2)
    }

    @Test func unknownTargetTextIsRejected() throws {
        let dataset = try load([
            "target.csv": Self.header + "2025,A,X,Indikator,%,positif,akhir,tinggi,,,,,,,,\n",
        ])
        let error = try #require(dataset.issues.first { $0.severity == .error })
        #expect(error.code == "target-tidak-valid")
        #expect(error.message.contains("Predikat SAKIP: D, C, CC, B, BB, A, AA"))
    }

    @Test func gradeAndNumberTargetsCannotMix() throws {
        let dataset = try load([
            "target.csv": Self.header + "2025,A,X,Indikator,%,positif,akhir,WTP,10,,,,,,,\n",
        ])
        #expect(dataset.issues.contains { $0.code == "predikat-bercampur" })
        #expect(dataset.indicators.isEmpty)
    }

    @Test func conflictingBudgetIsRejected() throws {
        let dataset = try load([
            "target.csv": Self.header + "2025,A,R,Indikator,orang,positif,jumlah,10,,,,,,,,100\n",
            "realisasi.csv": "tahun,kode_opd,kode_indikator,triwulan,realisasi,realisasi_anggaran\n"
                + "2025,A,R,1,5,40\n2025,A,R,1,5,45\n",
        ])
        #expect(dataset.issues.contains { $0.code == "anggaran-bertentangan" && $0.line == 3 })
        #expect(dataset.files.last?.rowsRejected == 1)
    }

    @Test func chosenYearKeepsTheTwoYearsBeforeIt() throws {
        let rows = (2021...2025).map { "\($0),A,X,Indikator,orang,positif,jumlah,10,,,,,,,,\n" }.joined()
        let dataset = try load(["target.csv": Self.header + rows], options: LoadOptions(year: 2025))
        #expect(dataset.years == [2023, 2024, 2025])
        #expect(dataset.files[0].rowsOutOfScope == 2)
    }

    @Test func customGradeScaleAndAliasFromThePolicy() throws {
        let dataset = try load([
            "target.csv": "tahun,Kode Satker,kode_indikator,indikator,polaritas,target_tahunan\n2025,A,X,Zona Integritas,positif,WBK\n",
        ], options: LoadOptions(gradeScales: GradeScale.builtIn + [GradeScale(name: "zona_integritas", grades: ["Belum", "WBK", "WBBM"])],
                                headerAliases: ["Kode Satker": "kode_opd"]))
        #expect(dataset.rowsRejected == 0)
        #expect(dataset.indicators[0].gradeScale == 2)
        #expect(dataset.indicators[0].annualTarget == TargetValue(ExactDecimal(2)))
        #expect(dataset.text.string(dataset.agencies[0].code) == "A")
    }
}
