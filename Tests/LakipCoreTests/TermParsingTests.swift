import Testing
@testable import LakipCore

@Suite("TermParsing: quarters")
struct QuarterParsingTests {
    struct QuarterCase: CustomTestStringConvertible, Sendable {
        let text: String
        let quarter: Quarter
        var testDescription: String { "'\(text)'" }
    }

    static let spellings: [QuarterCase] = [
        QuarterCase(text: "1", quarter: .tw1),
        QuarterCase(text: "I", quarter: .tw1),
        QuarterCase(text: "TW I", quarter: .tw1),
        QuarterCase(text: "TW1", quarter: .tw1),
        QuarterCase(text: "Triwulan 1", quarter: .tw1),
        QuarterCase(text: "Triwulan II", quarter: .tw2),
        QuarterCase(text: "Q1", quarter: .tw1),
        QuarterCase(text: "tw-3", quarter: .tw3),
        QuarterCase(text: "IV", quarter: .tw4),
        QuarterCase(text: "ii", quarter: .tw2),
        QuarterCase(text: "TW 4", quarter: .tw4),
        QuarterCase(text: "tw.2", quarter: .tw2),
        QuarterCase(text: "TRIWULAN III", quarter: .tw3),
        QuarterCase(text: "Kuartal 2", quarter: .tw2),
        QuarterCase(text: "q4", quarter: .tw4),
        QuarterCase(text: " 3 ", quarter: .tw3),
    ]

    @Test("quarter spellings", arguments: spellings)
    func quarter(_ testCase: QuarterCase) {
        #expect(TermParsing.quarter(testCase.text) == testCase.quarter)
        let fromBytes = Array(testCase.text.utf8).withUnsafeBufferPointer { TermParsing.quarter($0) }
        #expect(fromBytes == testCase.quarter)
    }

    static let invalid = ["5", "0", "TW0", "TW5", "X", "V", "", "TW", "Triwulan", "Semester 1", "1,5"]

    @Test("not a quarter", arguments: invalid)
    func notAQuarter(_ text: String) {
        #expect(TermParsing.quarter(text) == nil)
    }

    struct MarkerCase: CustomTestStringConvertible, Sendable {
        let text: String
        let quarter: Quarter?
        var testDescription: String { "'\(text)'" }
    }

    static let markerCases: [MarkerCase] = [
        MarkerCase(text: "TW I", quarter: .tw1),
        MarkerCase(text: "Triwulan 3", quarter: .tw3),
        MarkerCase(text: "Q2", quarter: .tw2),
        MarkerCase(text: "I", quarter: nil),
        MarkerCase(text: "1", quarter: nil),
    ]

    @Test("with requireMarker a bare numeral is not a quarter", arguments: markerCases)
    func requireMarker(_ testCase: MarkerCase) {
        #expect(TermParsing.quarter(testCase.text, requireMarker: true) == testCase.quarter)
    }
}

@Suite("TermParsing: polarity and aggregation")
struct PolarityAggregationParsingTests {
    struct PolarityCase: CustomTestStringConvertible, Sendable {
        let text: String
        let polarity: Polarity?
        var testDescription: String { "'\(text)'" }
    }

    static let polarityCases: [PolarityCase] = [
        PolarityCase(text: "positif", polarity: .positive),
        PolarityCase(text: "Positif", polarity: .positive),
        PolarityCase(text: "POSITIF", polarity: .positive),
        PolarityCase(text: "+", polarity: .positive),
        PolarityCase(text: "naik", polarity: .positive),
        PolarityCase(text: "maks", polarity: .positive),
        PolarityCase(text: "semakin tinggi semakin baik", polarity: .positive),
        PolarityCase(text: "Semakin Tinggi Semakin Baik", polarity: .positive),
        PolarityCase(text: "negatif", polarity: .negative),
        PolarityCase(text: "Negatif", polarity: .negative),
        PolarityCase(text: "-", polarity: .negative),
        PolarityCase(text: " - ", polarity: .negative),
        PolarityCase(text: "turun", polarity: .negative),
        PolarityCase(text: "min", polarity: .negative),
        PolarityCase(text: "semakin rendah semakin baik", polarity: .negative),
        PolarityCase(text: "", polarity: nil),
        PolarityCase(text: "netral", polarity: nil),
        PolarityCase(text: "tinggi", polarity: nil),
        PolarityCase(text: "--", polarity: nil),
    ]

    @Test("polarity words of SPEC §3", arguments: polarityCases)
    func polarity(_ testCase: PolarityCase) {
        #expect(TermParsing.polarity(testCase.text) == testCase.polarity)
    }

    struct AggregationCase: CustomTestStringConvertible, Sendable {
        let text: String
        let aggregation: Aggregation?
        var testDescription: String { "'\(text)'" }
    }

    static let aggregationCases: [AggregationCase] = [
        AggregationCase(text: "jumlah", aggregation: .sum),
        AggregationCase(text: "Jumlah", aggregation: .sum),
        AggregationCase(text: "kumulatif", aggregation: .sum),
        AggregationCase(text: "SUM", aggregation: .sum),
        AggregationCase(text: "akhir", aggregation: .last),
        AggregationCase(text: "posisi", aggregation: .last),
        AggregationCase(text: "Posisi Akhir", aggregation: .last),
        AggregationCase(text: "last", aggregation: .last),
        AggregationCase(text: "rata-rata", aggregation: .mean),
        AggregationCase(text: "Rata-Rata", aggregation: .mean),
        AggregationCase(text: "rata rata", aggregation: .mean),
        AggregationCase(text: "rata", aggregation: .mean),
        AggregationCase(text: "mean", aggregation: .mean),
        AggregationCase(text: "", aggregation: nil),
        AggregationCase(text: "median", aggregation: nil),
        AggregationCase(text: "awal", aggregation: nil),
    ]

    @Test("aggregation words of SPEC §3", arguments: aggregationCases)
    func aggregation(_ testCase: AggregationCase) {
        #expect(TermParsing.aggregation(testCase.text) == testCase.aggregation)
        let fromBytes = Array(testCase.text.utf8).withUnsafeBufferPointer { TermParsing.aggregation($0) }
        #expect(fromBytes == testCase.aggregation)
    }

    struct InferenceCase: CustomTestStringConvertible, Sendable {
        let unit: String
        let polarity: Polarity
        let aggregation: Aggregation
        var testDescription: String { "'\(unit)' \(polarity.label) → \(aggregation.label)" }
    }

    static let inferenceCases: [InferenceCase] = [
        InferenceCase(unit: "%", polarity: .positive, aggregation: .last),
        InferenceCase(unit: "persen", polarity: .positive, aggregation: .last),
        InferenceCase(unit: "Indeks", polarity: .positive, aggregation: .last),
        InferenceCase(unit: "nilai", polarity: .positive, aggregation: .last),
        InferenceCase(unit: "skor", polarity: .positive, aggregation: .last),
        InferenceCase(unit: "rasio", polarity: .positive, aggregation: .last),
        InferenceCase(unit: "ton", polarity: .negative, aggregation: .last),
        InferenceCase(unit: "kasus", polarity: .negative, aggregation: .last),
        InferenceCase(unit: "ton", polarity: .positive, aggregation: .sum),
        InferenceCase(unit: "orang", polarity: .positive, aggregation: .sum),
        InferenceCase(unit: "dokumen", polarity: .positive, aggregation: .sum),
        InferenceCase(unit: "", polarity: .positive, aggregation: .sum),
    ]

    @Test("missing agregasi is inferred from unit and polarity", arguments: inferenceCases)
    func inferredAggregation(_ testCase: InferenceCase) {
        #expect(TermParsing.inferredAggregation(unit: testCase.unit, polarity: testCase.polarity) == testCase.aggregation)
    }

    struct YearCase: CustomTestStringConvertible, Sendable {
        let text: String
        let year: Int?
        var testDescription: String { "'\(text)'" }
    }

    static let yearCases: [YearCase] = [
        YearCase(text: "2025", year: 2025),
        YearCase(text: " 2024 ", year: 2024),
        YearCase(text: "25", year: nil),
        YearCase(text: "2025.0", year: nil),
        YearCase(text: "1800", year: nil),
        YearCase(text: "", year: nil),
    ]

    @Test("years", arguments: yearCases)
    func year(_ testCase: YearCase) {
        let year = Array(testCase.text.utf8).withUnsafeBufferPointer { TermParsing.year($0) }
        #expect(year == testCase.year)
    }
}

@Suite("Column.named: header aliases")
struct ColumnAliasTests {
    struct AliasCase: CustomTestStringConvertible, Sendable {
        let header: String
        let column: Column?
        var testDescription: String { "'\(header)'" }
    }

    static let specAliases: [AliasCase] = [
        AliasCase(header: "Kode OPD", column: .agencyCode),
        AliasCase(header: "Perangkat Daerah", column: .agencyName),
        AliasCase(header: "Indikator Kinerja", column: .indicator),
        AliasCase(header: "Target PK", column: .annualTarget),
        AliasCase(header: "TW I", column: .bareQuarter(.tw1)),
        AliasCase(header: "Triwulan II", column: .bareQuarter(.tw2)),
        AliasCase(header: "Realisasi TW 3", column: .quarterActual(.tw3)),
        AliasCase(header: "Sifat", column: .polarity),
        AliasCase(header: "Arah", column: .polarity),
        AliasCase(header: "KODE_INDIKATOR", column: .indicatorCode),
        AliasCase(header: "target.tw1", column: .quarterTarget(.tw1)),
    ]

    static let moreAliases: [AliasCase] = [
        AliasCase(header: "Tahun", column: .year),
        AliasCase(header: "  tahun  ", column: .year),
        AliasCase(header: "Nama OPD", column: .agencyName),
        AliasCase(header: "Kode Sasaran", column: .objectiveCode),
        AliasCase(header: "Sasaran Strategis", column: .objective),
        AliasCase(header: "Kode IKU", column: .indicatorCode),
        AliasCase(header: "Satuan", column: .unit),
        AliasCase(header: "POLARITAS", column: .polarity),
        AliasCase(header: "Agregasi", column: .aggregation),
        AliasCase(header: "Target", column: .annualTarget),
        AliasCase(header: "Target TW I", column: .quarterTarget(.tw1)),
        AliasCase(header: "Target PK TW 2", column: .quarterTarget(.tw2)),
        AliasCase(header: "target-tw-4", column: .quarterTarget(.tw4)),
        AliasCase(header: "Triwulan", column: .quarter),
        AliasCase(header: "TW", column: .quarter),
        AliasCase(header: "Realisasi", column: .actual),
        AliasCase(header: "Realisasi Triwulan III", column: .quarterActual(.tw3)),
        AliasCase(header: "realisasi_tw4", column: .quarterActual(.tw4)),
        AliasCase(header: "Q4", column: .bareQuarter(.tw4)),
        AliasCase(header: "Realisasi Anggaran", column: .budgetActual),
        AliasCase(header: "Keterangan", column: .note),
        AliasCase(header: "Foo", column: nil),
        AliasCase(header: "I", column: nil),
        AliasCase(header: "1", column: nil),
        AliasCase(header: "Target X", column: nil),
        AliasCase(header: "Realisasi TW 5", column: nil),
    ]

    @Test("aliases named in SPEC §3", arguments: specAliases)
    func specAlias(_ testCase: AliasCase) {
        #expect(Column.named(testCase.header) == testCase.column)
    }

    @Test("other aliases and non-columns", arguments: moreAliases)
    func otherAlias(_ testCase: AliasCase) {
        #expect(Column.named(testCase.header) == testCase.column)
    }

    static let allColumns: [Column] = [
        .year, .agencyCode, .agencyName, .objectiveCode, .objective, .indicatorCode, .indicator, .unit,
        .polarity, .aggregation, .annualTarget, .quarter, .actual,
        .weight, .renstraTarget, .renstraEndYear, .budgetCeiling, .budgetActual, .responsible, .note,
    ] + Quarter.allCases.flatMap { [Column.quarterTarget($0), .quarterActual($0), .bareQuarter($0)] }

    @Test("every canonical name reads back as its column", arguments: allColumns)
    func canonicalNameRoundTrip(_ column: Column) {
        #expect(Column.named(column.canonicalName) == column)
        #expect(Column.named(column.canonicalName.uppercased()) == column)
    }
}
