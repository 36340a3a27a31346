import Testing
@testable import LakipCore

/// How the writer spells text cells in each dialect.
@Suite("CSV row builder")
struct CSVRowBuilderTests {
    private func row(_ cells: [String], _ dialect: CSVDialect) -> String {
        var builder = CSVRowBuilder(dialect: dialect, byteOrderMark: false)
        builder.row(cells)
        return String(decoding: builder.bytes, as: UTF8.self)
    }

    @Test("excel-id writes codes a spreadsheet would turn into numbers or dates as =\"…\"",
          arguments: ["007", "0102", "1.250", "3/4", "1E5", "1.02.0.00.0.00.01.0000", "12-3", "10:30", "50%", ",5", "2 000"])
    func numberLikeCodesStayText(_ code: String) {
        #expect(row([code, "x"], .excelIndonesian) == "\"=\"\"\(code)\"\"\";x\r\n")
        // The standar dialect keeps text byte for byte.
        #expect(row([code], .standard) == (code.contains(",") ? "\"\(code)\"\n" : "\(code)\n"))
    }

    @Test("text that no spreadsheet reads as a number is left alone", arguments: ["DINKES-01", "S1", "TW 2", "e5", "Rp 1.000", ""])
    func ordinaryTextUnchanged(_ text: String) {
        #expect(row([text], .excelIndonesian) == text + "\r\n")
    }

    @Test("the two rewrites are counted apart, and a signed code is neutralised, not wrapped")
    func countsPerRewrite() {
        var builder = CSVRowBuilder(dialect: .excelIndonesian, byteOrderMark: false)
        builder.row(["007", "-5", "=1+1", "DINKES-01"])
        #expect(String(decoding: builder.bytes, as: UTF8.self) == "\"=\"\"007\"\"\";'-5;'=1+1;DINKES-01\r\n")
        #expect(builder.rewritten == RewrittenText(neutralised: 2, keptAsText: 1))
    }
}
