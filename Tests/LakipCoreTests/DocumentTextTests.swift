import Testing
@testable import LakipCore

/// The byte-level fast paths of the documents' text functions against their character-by-
/// character versions, on random text that mixes the bytes each one treats specially with
/// letters, digits, combining marks and line ends.
@Suite("Document text")
struct DocumentTextTests {
    private static let pieces = ["a", "Z", "0", "7", "-", ".", ",", " ", "&", "<", ">", "\"", "'", "|", "\\", "*", "_", "`",
                                 "[", "]", "#", "\n", "\r", "\r\n", "\t", "é", "e\u{301}", "<\u{301}", "|\u{301}", "Ω", "١", "½"]

    private func randomTexts(count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...12, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
        }
    }

    /// Numbers as the tables print them, and near-numbers.
    private func numberLikeTexts(count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["0", "1", "2", "5", "9", ".", "-", ",", "x", "١"]
        return ["", "-", ".", "-.", "0", "-0.5", "1234567.891", "1000", "100", ".5", "12.34.56"] + (0..<count).map { _ in
            (0..<Int.random(in: 0...14, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
        }
    }

    @Test("HTML escaping is the same with and without the fast path")
    func escape() {
        for text in randomTexts(count: 5_000) {
            #expect(HTMLReport.escape(text) == HTMLReport.escapeByCharacters(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("Markdown inline escaping is the same with and without the fast path")
    func inline() {
        for text in randomTexts(count: 5_000) {
            #expect(MarkdownReport.inline(text) == MarkdownReport.inlineByCharacters(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("id-ID number text is the same with and without the fast path")
    func indonesian() {
        for text in numberLikeTexts(count: 5_000) + randomTexts(count: 1_000) {
            #expect(ReportCell.indonesian(text) == ReportCell.indonesianByCharacters(text), "\(Array(text.unicodeScalars))")
        }
        #expect(ReportCell.indonesian("-1234567.891") == "-1.234.567,891")
    }
}
