import Testing
@testable import LakipCore

/// Monthly realisations (SPEC §8): folded into quarters by the indicator's agregasi, and never
/// mixed with a quarter value of the same quarter.
@Suite("DataLoader: monthly realisations")
struct MonthlyActualTests {
    static let targets = csvText([
        canonicalTargetHeader + ",target_tw1,target_tw2,target_tw3,target_tw4",
        "2025,01,Dinas A,IK-J,Produksi,ton,positif,jumlah,200,40,50,60,50",
        "2025,01,Dinas A,IK-A,Cakupan,%,positif,akhir,90,80,85,88,90",
        "2025,01,Dinas A,IK-R,Indeks kepuasan,indeks,positif,rata-rata,90,85,88,90,90",
    ])
    static let monthHeader = "tahun,kode_opd,kode_indikator,bulan,realisasi"
    static let monthlyHeader = "tahun,kode_opd,kode_indikator,bulan,realisasi,realisasi_anggaran"

    @Test("long monthly rows fold by agregasi: jumlah sums, akhir takes the last month, rata-rata the mean")
    func foldsByAggregation() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi_bulanan.csv": csvText([
                Self.monthHeader,
                "2025,01,IK-J,1,10",          // 2
                "2025,01,IK-J,Februari,12",   // 3
                "2025,01,IK-J,mar,15",        // 4: TW1 = 10 + 12 + 15 = 37
                "2025,01,IK-J,Apr,20",        // 5: TW2 has April only = 20
                "2025,01,IK-A,Feb,72",        // 6: read before January …
                "2025,01,IK-A,01,70",         // 7: … but akhir is the last month of the calendar: TW1 = 72
                "2025,01,IK-A,Agt,80",        // 8: TW3 = 80
                "2025,01,IK-R,Jan,80",        // 9
                "2025,01,IK-R,Februari,90",   // 10
                "2025,01,IK-R,MARET,95",      // 11: TW1 = 265/3 = 88.333…, kept as 88.3333
                "2025,01,IK-R,Juli,80",       // 12
                "2025,01,IK-R,Agustus,85.5",  // 13: TW3 = 165.5 / 2 = 82.75, exact
            ]),
        ])
        #expect(issues(dataset, .error).isEmpty, "\(issues(dataset, .error))")
        #expect(try loadedIndicator(dataset, "IK-J").actuals
                    == [.reported(exact(37), line: 2), .reported(exact(20), line: 5), .unreported, .unreported])
        #expect(try loadedIndicator(dataset, "IK-A").actuals
                    == [.reported(exact(72), line: 6), .unreported, .reported(exact(80), line: 8), .unreported])
        #expect(try loadedIndicator(dataset, "IK-R").actuals
                    == [.reported(exact(883333, scale: 4), line: 9), .unreported, .reported(exact(8275, scale: 2), line: 12),
                        .unreported])
        // The rounded mean is said, with the exact fraction, at the quarter's first month row.
        let rounded = try #require(issues(dataset, .info, code: "rata-rata-dibulatkan").first)
        #expect(rounded.file == "realisasi_bulanan.csv" && rounded.line == 9)
        #expect(rounded.message.contains("265/3") && rounded.message.contains("88.3333"), "\(rounded.message)")
        #expect(issues(dataset, .info, code: "rata-rata-dibulatkan").count == 1)

        let summary = try loadedSummary(dataset, "realisasi_bulanan.csv")
        #expect((summary.rowsRead, summary.rowsUsed, summary.rowsRejected, summary.rowsOutOfScope) == (12, 12, 0, 0))
        expectRowsAccountedFor(dataset)

        // The evaluation sees quarters: the jumlah semester is TW1 + TW2 = 57 against 40 + 50.
        let evaluation = Evaluator().evaluate(try loadedIndicator(dataset, "IK-J"))
        #expect(evaluation.semesters[0].actual == Fraction(57))
        #expect(evaluation.quarters[1].actual == Fraction(20))
    }

    @Test("a grade indicator's months are ranks, folded as akhir")
    func gradeMonths() throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText([canonicalTargetHeader, "2025,01,Dinas A,IK-G,Opini,predikat,positif,,WTP"]),
            "realisasi.csv": csvText([Self.monthHeader, "2025,01,IK-G,Jan,WDP", "2025,01,IK-G,Mar,WTP", "2025,01,IK-G,Feb,TW"]),
        ])
        #expect(issues(dataset, .error).isEmpty)
        // WTP is rank 4 of Opini BPK; March is the quarter's last month.
        #expect(try loadedIndicator(dataset, "IK-G").actuals[0] == .reported(exact(4), line: 2))
    }

    @Test("wide monthly files, with realisasi_jan or realisasi_bulan_1 columns, fold alike",
          arguments: [Month.allCases.map { "realisasi_\($0.abbreviation)" }, Month.allCases.map { "realisasi_bulan_\($0.rawValue)" },
                      Month.allCases.map { "Realisasi \($0.label)" }])
    func wideMonthly(_ columns: [String]) throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi_bulanan.csv": csvText([
                "tahun,kode_opd,kode_indikator," + columns.joined(separator: ","),
                "2025,01,IK-J,10,12,15,20,,,5,5,5,1,2,3",
                "2025,01,IK-A,70,72,,,,,80,,,-,91,",
            ]),
        ])
        #expect(dataset.files.map(\.kind) == [.targets, .actuals])
        #expect(issues(dataset, .error).isEmpty, "\(issues(dataset, .error))")
        // jumlah: 37, April alone 20, 15, 6; akhir: February, August, November.
        #expect(try loadedIndicator(dataset, "IK-J").actuals
                    == [.reported(exact(37), line: 2), .reported(exact(20), line: 2), .reported(exact(15), line: 2),
                        .reported(exact(6), line: 2)])
        #expect(try loadedIndicator(dataset, "IK-A").actuals
                    == [.reported(exact(72), line: 3), .unreported, .reported(exact(80), line: 3), .reported(exact(91), line: 3)])
        expectRowsAccountedFor(dataset)
    }

    @Test("a target file with monthly realisation columns is read as a combined file")
    func combinedMonthly() throws {
        let dataset = try loadScratch(text: [
            "target.csv": csvText([canonicalTargetHeader + ",realisasi_jan,realisasi_feb,realisasi_mar",
                                   "2025,01,Dinas A,IK-J,Produksi,ton,positif,jumlah,200,10,12,15"]),
        ])
        #expect(dataset.files.map(\.kind) == [.combined])
        #expect(try loadedIndicator(dataset, "IK-J").actuals[0] == .reported(exact(37), line: 2))
    }

    @Test("monthly budget realisations sum into the quarter's")
    func budgetSums() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi.csv": csvText([Self.monthlyHeader, "2025,01,IK-J,1,10,100", "2025,01,IK-J,2,12,250.5",
                                      "2025,01,IK-J,4,20,", "2025,01,IK-J,5,,75"]),
        ])
        #expect(issues(dataset, .error).isEmpty)
        // TW1: 100 + 250.5; TW2: May's budget alone, though May has no realisation.
        #expect(try loadedIndicator(dataset, "IK-J").budgetActuals == [exact(3505, scale: 1), exact(75), nil, nil])
        #expect(try loadedIndicator(dataset, "IK-J").actuals[1] == .reported(exact(20), line: 4))
    }

    // MARK: Months against quarters

    struct ConflictCase: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String]
        /// Where the galat must be, and a place its message must name.
        var file: String
        var line: Int
        var names: String
        var testDescription: String { name }
    }

    static let conflicts: [ConflictCase] = [
        ConflictCase(name: "month row, then a quarter row in the same file",
                     files: ["realisasi.csv": csvText(["tahun,kode_opd,kode_indikator,bulan,triwulan,realisasi",
                                                       "2025,01,IK-J,1,,10", "2025,01,IK-J,,1,30"])],
                     file: "realisasi.csv", line: 3, names: "baris 2"),
        ConflictCase(name: "quarter row, then a month row in the same file",
                     files: ["realisasi.csv": csvText(["tahun,kode_opd,kode_indikator,bulan,triwulan,realisasi",
                                                       "2025,01,IK-J,,TW1,30", "2025,01,IK-J,Feb,,10"])],
                     file: "realisasi.csv", line: 3, names: "baris 2"),
        ConflictCase(name: "quarter file, then a month file",
                     files: ["realisasi_a.csv": csvText([longActualHeader, "2025,01,IK-J,1,30"]),
                             "realisasi_b.csv": csvText([Self.monthHeader, "2025,01,IK-J,3,10"])],
                     file: "realisasi_b.csv", line: 2, names: "realisasi_a.csv baris 2"),
        ConflictCase(name: "month file, then a quarter file",
                     files: ["realisasi_a.csv": csvText([Self.monthHeader, "2025,01,IK-J,1,10"]),
                             "realisasi_b.csv": csvText([longActualHeader, "2025,01,IK-J,1,30"])],
                     file: "realisasi_b.csv", line: 2, names: "realisasi_a.csv baris 2"),
        ConflictCase(name: "wide quarter file, then a month file",
                     files: ["realisasi_a.csv": csvText(["tahun,kode_opd,kode_indikator,realisasi_tw1", "2025,01,IK-J,30"]),
                             "realisasi_b.csv": csvText([Self.monthHeader, "2025,01,IK-J,1,10"])],
                     file: "realisasi_b.csv", line: 2, names: "realisasi_a.csv baris 2"),
        ConflictCase(name: "a combined file's realisation, then a month file",
                     files: ["target.csv": csvText([canonicalTargetHeader + ",realisasi_tw1",
                                                    "2025,01,Dinas A,IK-J,Produksi,ton,positif,jumlah,200,30"]),
                             "realisasi.csv": csvText([Self.monthHeader, "2025,01,IK-J,2,10"])],
                     file: "realisasi.csv", line: 2, names: "target.csv baris 2"),
    ]

    @Test("a month and a quarter value of one quarter conflict whatever their order: galat, the quarter empty",
          arguments: conflicts)
    func monthAgainstQuarter(_ testCase: ConflictCase) throws {
        var files = testCase.files
        if files["target.csv"] == nil { files["target.csv"] = Self.targets }
        let dataset = try loadScratch(text: files)
        let errors = issues(dataset, .error)
        try #require(errors.count == 1, "\(errors)")
        #expect(errors[0].code == "bulan-triwulan-bertentangan")
        #expect(errors[0].file == testCase.file && errors[0].line == testCase.line, "\(errors[0])")
        #expect(errors[0].message.contains(testCase.names), "\(errors[0].message)")
        #expect(errors[0].message.contains("TW1"), "\(errors[0].message)")
        let indicator = try loadedIndicator(dataset, "IK-J")
        guard case .conflicting = indicator.actuals[0] else {
            Issue.record("TW1 should be conflicting: \(indicator.actuals)")
            return
        }
        #expect(Array(indicator.actuals.dropFirst()) == [.unreported, .unreported, .unreported])
        let evaluation = Evaluator().evaluate(indicator)
        #expect(evaluation.quarters[0].actual == nil)
        #expect(evaluation.semesters[0].actual == nil)
        expectRowsAccountedFor(dataset)
    }

    @Test("after a month/quarter conflict, further rows of that quarter are rejected too; other quarters are used")
    func laterRowsOfAConflictingQuarter() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi.csv": csvText(["tahun,kode_opd,kode_indikator,bulan,triwulan,realisasi",
                                      "2025,01,IK-J,1,,10", "2025,01,IK-J,,1,30", "2025,01,IK-J,2,,12", "2025,01,IK-J,,TW1,30",
                                      "2025,01,IK-J,Mei,2,7"]),
        ])
        #expect(issues(dataset, .error).map(\.line) == [3, 4, 5])
        #expect(issues(dataset, .error).map(\.code) == ["bulan-triwulan-bertentangan", "realisasi-bertentangan", "realisasi-bertentangan"])
        let indicator = try loadedIndicator(dataset, "IK-J")
        #expect(indicator.actuals == [.conflicting(firstLine: 2), .reported(exact(7), line: 6), .unreported, .unreported])
        let summary = try loadedSummary(dataset, "realisasi.csv")
        #expect((summary.rowsRead, summary.rowsUsed, summary.rowsRejected) == (5, 2, 3))
        expectRowsAccountedFor(dataset)
    }

    @Test("a month budget and a quarter budget of one quarter conflict")
    func budgetConflict() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi.csv": csvText(["tahun,kode_opd,kode_indikator,bulan,triwulan,realisasi,realisasi_anggaran",
                                      "2025,01,IK-J,1,,10,100", "2025,01,IK-J,,2,20,300", "2025,01,IK-J,,1,,250",
                                      "2025,01,IK-J,4,,,50"]),
        ])
        let errors = issues(dataset, .error)
        #expect(errors.map(\.code) == ["anggaran-bertentangan", "anggaran-bertentangan"])
        #expect(errors.map(\.line) == [4, 5])
        #expect(errors.allSatisfy { $0.column == "realisasi_anggaran" })
        #expect(errors[0].message.contains("Januari") && errors[0].message.contains("baris 2"), "\(errors[0].message)")
        // The first of each stays: January's 100 in TW1, the quarter row's 300 in TW2.
        let indicator = try loadedIndicator(dataset, "IK-J")
        #expect(indicator.budgetActuals == [exact(100), exact(300), nil, nil])
        #expect(indicator.actuals[0] == .reported(exact(10), line: 2))
        expectRowsAccountedFor(dataset)
    }

    // MARK: Duplicates and bad months

    @Test("the same month twice with the same value is used once, with a peringatan")
    func sameMonthTwice() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi_a.csv": csvText([Self.monthHeader, "2025,01,IK-J,1,10"]),
            "realisasi_b.csv": csvText([Self.monthHeader, "2025,01,IK-J,Jan,10", "2025,01,IK-J,Feb,5"]),
        ])
        #expect(issues(dataset, .error).isEmpty)
        let warning = try #require(issues(dataset, .warning, code: "realisasi-ganda").first)
        #expect(warning.file == "realisasi_b.csv" && warning.line == 2)
        #expect(warning.message.contains("Januari") && warning.message.contains("realisasi_a.csv baris 2"), "\(warning.message)")
        // 10 counted once: 10 + 5.
        #expect(try loadedIndicator(dataset, "IK-J").actuals[0] == .reported(exact(15), line: 2))
        expectRowsAccountedFor(dataset)
    }

    @Test("the same month twice with different values: galat, and its quarter is conflicting")
    func conflictingMonth() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi.csv": csvText([Self.monthHeader, "2025,01,IK-J,1,10", "2025,01,IK-J,2,12", "2025,01,IK-J,Januari,11",
                                      "2025,01,IK-J,Jan,13", "2025,01,IK-J,4,20"]),
        ])
        let errors = issues(dataset, .error)
        #expect(errors.map(\.code) == ["realisasi-bertentangan", "realisasi-bertentangan"])
        #expect(errors.map(\.line) == [4, 5])
        #expect(errors[0].message.contains("baris 2 berisi 10, baris ini 11"), "\(errors[0].message)")
        let indicator = try loadedIndicator(dataset, "IK-J")
        #expect(indicator.actuals == [.conflicting(firstLine: 2), .reported(exact(20), line: 6), .unreported, .unreported])
        expectRowsAccountedFor(dataset)
    }

    @Test("an unknown month rejects the row and lists what is allowed", arguments: ["13", "Jany", "0", "TW1"])
    func unknownMonth(_ text: String) throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi.csv": csvText([Self.monthHeader, "2025,01,IK-J,\(text),10", "2025,01,IK-J,2,12"]),
        ])
        let error = try #require(issues(dataset, .error).first)
        #expect(issues(dataset, .error).count == 1)
        #expect((error.code, error.file, error.line, error.column) == ("bulan-tidak-dikenal", "realisasi.csv", 2, "bulan"))
        #expect(error.message.contains("'\(text)'") && error.message.contains("Januari–Desember")
                    && error.message.contains("Agu/Agt/Ags"), "\(error.message)")
        #expect(try loadedIndicator(dataset, "IK-J").actuals[0] == .reported(exact(12), line: 3))
        expectRowsAccountedFor(dataset)
    }

    @Test("with triwulan and bulan columns, bulan decides when filled and triwulan must agree")
    func bothColumns() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi.csv": csvText(["tahun,kode_opd,kode_indikator,triwulan,bulan,realisasi",
                                      "2025,01,IK-J,TW1,Jan,10",  // agrees: used
                                      "2025,01,IK-J,2,Mar,12",    // March is TW1: rejected
                                      "2025,01,IK-J,3,,40",       // no month: a quarter row
                                      "2025,01,IK-J,,,5"]),       // neither
        ])
        #expect(issues(dataset, .error).map(\.code) == ["bulan-triwulan-tidak-cocok", "bulan-tidak-dikenal"])
        #expect(issues(dataset, .error).map(\.line) == [3, 5])
        #expect(try loadedIndicator(dataset, "IK-J").actuals
                    == [.reported(exact(10), line: 2), .unreported, .reported(exact(40), line: 4), .unreported])
        expectRowsAccountedFor(dataset)
    }

    @Test("a quarter whose months would not fit a decimal rejects the month that overflows it")
    func overflow() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi.csv": csvText([Self.monthHeader, "2025,01,IK-J,1,999999999999999999", "2025,01,IK-J,2,0.000000000001"]),
        ])
        #expect(issues(dataset, .error).map(\.code) == ["angka-terlalu-besar"])
        #expect(issues(dataset, .error).map(\.line) == [3])
        #expect(try loadedIndicator(dataset, "IK-J").actuals[0] == .reported(exact(999_999_999_999_999_999), line: 2))
        expectRowsAccountedFor(dataset)
    }

    // MARK: --as-of

    @Test("--as-of TW2 ignores months 7–12: long rows out of scope, wide cells noted")
    func asOf() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi.csv": csvText([Self.monthHeader] + (1...12).map { "2025,01,IK-J,\($0),\($0)" }),
            "realisasi_wide.csv": csvText(["tahun,kode_opd,kode_indikator," + Month.allCases.map { "realisasi_\($0.abbreviation)" }
                                               .joined(separator: ","),
                                           "2025,01,IK-A,70,72,,75,,76,80,,,81,,"]),
        ], options: LoadOptions(asOf: .tw2))
        #expect(issues(dataset, .error).isEmpty)
        // 1 + 2 + 3 and 4 + 5 + 6; nothing after June.
        #expect(try loadedIndicator(dataset, "IK-J").actuals
                    == [.reported(exact(6), line: 2), .reported(exact(15), line: 5), .unreported, .unreported])
        #expect(try loadedIndicator(dataset, "IK-A").actuals
                    == [.reported(exact(72), line: 2), .reported(exact(76), line: 2), .unreported, .unreported])
        let long = try loadedSummary(dataset, "realisasi.csv")
        #expect((long.rowsRead, long.rowsUsed, long.rowsRejected, long.rowsOutOfScope) == (12, 12, 0, 6))
        let wide = try loadedSummary(dataset, "realisasi_wide.csv")
        #expect((wide.rowsRead, wide.rowsUsed, wide.rowsRejected, wide.rowsOutOfScope) == (1, 1, 0, 0))
        let notes = issues(dataset, .info, code: "di-luar-as-of")
        #expect(notes.map(\.file) == ["realisasi.csv", "realisasi_wide.csv"])
        #expect(notes[0].message.hasPrefix("6 baris") && notes[0].message.contains("bulan setelah TW2 (Juni)"), "\(notes[0].message)")
        #expect(notes[1].message.hasPrefix("2 nilai realisasi bulanan setelah TW2"), "\(notes[1].message)")
        expectRowsAccountedFor(dataset)
    }

    @Test("a month after --as-of does not conflict with anything")
    func asOfDropsBeforeConflict() throws {
        let dataset = try loadScratch(text: [
            "target.csv": Self.targets,
            "realisasi_a.csv": csvText([longActualHeader, "2025,01,IK-J,3,30"]),
            "realisasi_b.csv": csvText([Self.monthHeader, "2025,01,IK-J,Juli,10"]),
        ], options: LoadOptions(asOf: .tw2))
        #expect(issues(dataset, .error).isEmpty)
        #expect(try loadedSummary(dataset, "realisasi_b.csv").rowsOutOfScope == 1)
    }
}
