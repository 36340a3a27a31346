import Testing
@testable import LakipCore

@Suite("TermParsing: months")
struct MonthParsingTests {
    struct MonthCase: CustomTestStringConvertible, Sendable {
        let text: String
        let month: Month
        var testDescription: String { "'\(text)'" }
    }

    static let spellings: [MonthCase] = [
        MonthCase(text: "1", month: .january),
        MonthCase(text: "01", month: .january),
        MonthCase(text: "9", month: .september),
        MonthCase(text: "09", month: .september),
        MonthCase(text: "12", month: .december),
        MonthCase(text: " 7 ", month: .july),
        MonthCase(text: "Januari", month: .january),
        MonthCase(text: "FEBRUARI", month: .february),
        MonthCase(text: "Pebruari", month: .february),
        MonthCase(text: "maret", month: .march),
        MonthCase(text: "Mei", month: .may),
        MonthCase(text: "Agustus", month: .august),
        MonthCase(text: "Nopember", month: .november),
        MonthCase(text: "Desember", month: .december),
        MonthCase(text: "Jan", month: .january),
        MonthCase(text: "feb", month: .february),
        MonthCase(text: "Apr", month: .april),
        MonthCase(text: "Jun", month: .june),
        MonthCase(text: "Jul", month: .july),
        MonthCase(text: "Agu", month: .august),
        MonthCase(text: "Agt", month: .august),
        MonthCase(text: "ags", month: .august),
        MonthCase(text: "Sep", month: .september),
        MonthCase(text: "Okt", month: .october),
        MonthCase(text: "Nov", month: .november),
        MonthCase(text: "Nop", month: .november),
        MonthCase(text: "DES", month: .december),
        MonthCase(text: "Bulan 3", month: .march),
        MonthCase(text: "bln 10", month: .october),
    ]

    @Test("month spellings", arguments: spellings)
    func month(_ testCase: MonthCase) {
        #expect(TermParsing.month(testCase.text) == testCase.month)
        let fromBytes = Array(testCase.text.utf8).withUnsafeBufferPointer { TermParsing.month($0) }
        #expect(fromBytes == testCase.month)
    }

    static let invalid = ["0", "00", "13", "012", "+1", "1,5", "", "Jany", "Januar", "Bulan", "TW1", "Semester 1", "J"]

    @Test("not a month", arguments: invalid)
    func notAMonth(_ text: String) {
        #expect(TermParsing.month(text) == nil)
    }

    @Test("each month knows its quarter and its Indonesian name")
    func quarterAndLabel() {
        #expect(Month.allCases.map(\.quarter.rawValue) == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4])
        #expect(Month.january.label == "Januari" && Month.may.label == "Mei" && Month.december.label == "Desember")
        #expect(Quarter.tw3.months == [.july, .august, .september])
        // Every label and abbreviation reads back as its month.
        for month in Month.allCases {
            #expect(TermParsing.month(month.label) == month)
            #expect(TermParsing.month(month.abbreviation) == month)
        }
    }

    struct HeaderCase: CustomTestStringConvertible, Sendable {
        let header: String
        let column: Column?
        var testDescription: String { "'\(header)'" }
    }

    static let headers: [HeaderCase] = [
        HeaderCase(header: "bulan", column: .month),
        HeaderCase(header: "Bln", column: .month),
        HeaderCase(header: "Month", column: .month),
        HeaderCase(header: "Periode Bulan", column: .month),
        HeaderCase(header: "realisasi_jan", column: .monthActual(.january)),
        HeaderCase(header: "realisasi_des", column: .monthActual(.december)),
        HeaderCase(header: "realisasi_bulan_1", column: .monthActual(.january)),
        HeaderCase(header: "realisasi_bulan_12", column: .monthActual(.december)),
        HeaderCase(header: "Realisasi Januari", column: .monthActual(.january)),
        HeaderCase(header: "Realisasi Bulan 8", column: .monthActual(.august)),
        HeaderCase(header: "Realisasi Agt", column: .monthActual(.august)),
        HeaderCase(header: "Real. Mei", column: .monthActual(.may)),
        // A bare number after "Realisasi" says neither month nor quarter.
        HeaderCase(header: "Realisasi 1", column: nil),
        // Existing names keep their meaning.
        HeaderCase(header: "Realisasi TW 1", column: .quarterActual(.tw1)),
        HeaderCase(header: "realisasi_anggaran", column: .budgetActual),
        HeaderCase(header: "Realisasi", column: .actual),
    ]

    @Test("month columns by any of their names", arguments: headers)
    func header(_ testCase: HeaderCase) {
        #expect(Column.named(testCase.header) == testCase.column)
    }

    @Test("month columns have their own ordinals and canonical names that read back")
    func ordinals() {
        let columns: [Column] = [.month] + Month.allCases.map { .monthActual($0) }
        let ordinals = columns.map(\.ordinal)
        #expect(Set(ordinals).count == columns.count)
        #expect(ordinals.allSatisfy { $0 > Column.headTitle.ordinal && $0 < Column.ordinalCount })
        for column in columns { #expect(Column.named(column.canonicalName) == column, "\(column.canonicalName)") }
        #expect(Column.monthActual(.august).canonicalName == "realisasi_agu")
    }
}
