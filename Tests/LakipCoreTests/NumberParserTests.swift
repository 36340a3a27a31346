import Testing
@testable import LakipCore

@Suite("NumberParser (SPEC §3 number spellings)")
struct NumberParserTests {
    struct ValueCase: CustomTestStringConvertible, Sendable {
        let text: String
        let value: ExactDecimal
        /// The convention the text itself proves; `nil` when it fits either.
        let evidence: DecimalConvention?
        var testDescription: String { "'\(text)'" }
    }

    static let unambiguous: [ValueCase] = [
        ValueCase(text: "85.5", value: ExactDecimal(significand: 855, scale: 1), evidence: .point),
        ValueCase(text: "85,5", value: ExactDecimal(significand: 855, scale: 1), evidence: .comma),
        ValueCase(text: "1.234,56", value: ExactDecimal(significand: 123456, scale: 2), evidence: .comma),
        ValueCase(text: "1,234.56", value: ExactDecimal(significand: 123456, scale: 2), evidence: .point),
        ValueCase(text: "85%", value: ExactDecimal(85), evidence: nil),
        ValueCase(text: "85,5 %", value: ExactDecimal(significand: 855, scale: 1), evidence: .comma),
        ValueCase(text: "12.5%", value: ExactDecimal(significand: 125, scale: 1), evidence: .point),
        ValueCase(text: "Rp 1.250.000", value: ExactDecimal(1_250_000), evidence: .comma),
        ValueCase(text: "Rp. 1.250.000,50", value: ExactDecimal(significand: 125_000_050, scale: 2), evidence: .comma),
        ValueCase(text: "Rp1,250,000", value: ExactDecimal(1_250_000), evidence: .point),
        ValueCase(text: "rp 750", value: ExactDecimal(750), evidence: nil),
        ValueCase(text: "-3", value: ExactDecimal(-3), evidence: nil),
        ValueCase(text: "+3", value: ExactDecimal(3), evidence: nil),
        ValueCase(text: "-104,7", value: ExactDecimal(significand: -1047, scale: 1), evidence: .comma),
        ValueCase(text: "0,125", value: ExactDecimal(significand: 125, scale: 3), evidence: .comma),
        ValueCase(text: "0.125", value: ExactDecimal(significand: 125, scale: 3), evidence: .point),
        ValueCase(text: "1234.567", value: ExactDecimal(significand: 1_234_567, scale: 3), evidence: .point),
        ValueCase(text: "12.345,6", value: ExactDecimal(significand: 123_456, scale: 1), evidence: .comma),
        ValueCase(text: "1.234.567", value: ExactDecimal(1_234_567), evidence: .comma),
        ValueCase(text: "0", value: ExactDecimal(0), evidence: nil),
        ValueCase(text: "  42  ", value: ExactDecimal(42), evidence: nil),
        ValueCase(text: "\u{A0}42\u{A0}", value: ExactDecimal(42), evidence: nil),
        ValueCase(text: "123456789012345678", value: ExactDecimal(significand: 123_456_789_012_345_678), evidence: nil),
        ValueCase(text: "0000000000000000000001", value: ExactDecimal(1), evidence: nil),
    ]

    @Test("unambiguous spellings read the same under either convention", arguments: unambiguous, [DecimalConvention.point, .comma])
    func unambiguousValue(_ testCase: ValueCase, convention: DecimalConvention) {
        let reading = NumberParser.parse(testCase.text, convention: convention)
        #expect(reading == .value(testCase.value, evidence: testCase.evidence, ambiguous: false))
    }

    @Test("values keep their exact digits")
    func exactDigits() throws {
        guard case .value(let value, _, _) = NumberParser.parse("Rp. 1.250.000,50", convention: .point) else {
            Issue.record("not a value")
            return
        }
        #expect(value.significand == 125_000_050)
        #expect(value.scale == 2)
        #expect(value.description == "1250000.5")
    }

    struct AmbiguousCase: CustomTestStringConvertible, Sendable {
        let text: String
        let convention: DecimalConvention
        let value: ExactDecimal
        var testDescription: String { "'\(text)' with decimal \(convention.label)" }
    }

    static let ambiguous: [AmbiguousCase] = [
        AmbiguousCase(text: "1.234", convention: .point, value: ExactDecimal(significand: 1234, scale: 3)),
        AmbiguousCase(text: "1.234", convention: .comma, value: ExactDecimal(1234)),
        AmbiguousCase(text: "1,234", convention: .point, value: ExactDecimal(1234)),
        AmbiguousCase(text: "1,234", convention: .comma, value: ExactDecimal(significand: 1234, scale: 3)),
        AmbiguousCase(text: "123.456", convention: .comma, value: ExactDecimal(123_456)),
        AmbiguousCase(text: "-12,500", convention: .point, value: ExactDecimal(-12_500)),
        AmbiguousCase(text: "12,500%", convention: .comma, value: ExactDecimal(significand: 12_500, scale: 3)),
    ]

    @Test("ambiguous values follow the file's convention and say so", arguments: ambiguous)
    func ambiguousValue(_ testCase: AmbiguousCase) {
        let reading = NumberParser.parse(testCase.text, convention: testCase.convention)
        #expect(reading == .value(testCase.value, evidence: nil, ambiguous: true))
    }

    static let absentSpellings = ["", "   ", "-", " - ", "n/a", "N/A", "NA", "na", "#N/A", "–", "—"]

    @Test("'not reported' spellings are absent", arguments: absentSpellings)
    func absent(_ text: String) {
        #expect(NumberParser.parse(text, convention: .point) == .absent)
        #expect(NumberParser.parse(text, convention: .comma) == .absent)
    }

    struct InvalidCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        var testDescription: String { name }
    }

    static let invalid: [InvalidCase] = [
        InvalidCase(name: "letters", text: "abc"),
        InvalidCase(name: "letters after digits", text: "85x"),
        InvalidCase(name: "two decimal points", text: "1.23.4"),
        InvalidCase(name: "badly grouped commas", text: "12,34,5"),
        InvalidCase(name: "mixed separators, two decimal commas", text: "1.234,5,6"),
        InvalidCase(name: "group of one after the decimal-looking group", text: "1.234.5"),
        InvalidCase(name: "grouping separator after the decimal separator", text: "1,5.234.567"),
        InvalidCase(name: "19 significant digits", text: "1234567890123456789"),
        InvalidCase(name: "19 digits with thousands separators", text: "1.234.567.890.123.456.789"),
        InvalidCase(name: "more than 12 decimals", text: "0,0000000000001"),
        InvalidCase(name: "only a separator", text: ","),
        InvalidCase(name: "only a sign and a percent", text: "-%"),
        InvalidCase(name: "only a currency", text: "Rp"),
        InvalidCase(name: "a word starting with Rp", text: "Rpx 5"),
        InvalidCase(name: "two numbers", text: "85 90"),
    ]

    @Test("invalid text is rejected with a reason", arguments: invalid)
    func invalidText(_ testCase: InvalidCase) {
        for convention in [DecimalConvention.point, .comma] {
            guard case .invalid(let reason) = NumberParser.parse(testCase.text, convention: convention) else {
                Issue.record("'\(testCase.text)' read as \(NumberParser.parse(testCase.text, convention: convention))")
                continue
            }
            #expect(!reason.isEmpty)
        }
    }

    @Test("the digit limit names its reason in Bahasa Indonesia")
    func digitLimitReason() {
        #expect(NumberParser.parse("1234567890123456789") == .invalid("lebih dari 18 angka penting"))
    }

    /// Text made of what number cells hold: digits, separators, signs, spaces, `%`, `Rp`,
    /// no-break spaces and letters, mostly short, sometimes past the digit and scale limits.
    static func randomCell(_ generator: inout some RandomNumberGenerator) -> String {
        let pieces = ["0", "1", "2", "5", "9", "0", "7", "3", ".", ",", "-", "+", " ", "%", "Rp", "\u{A0}", "n", "a", "/", "x"]
        let digitsOnly = ["0", "1", "4", "8", "9", ".", ",", "-"]
        let length = Int.random(in: 0...24, using: &generator)
        let alphabet = Bool.random(using: &generator) ? digitsOnly : pieces
        return (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
    }

    @Test("the one-pass reading of plain numbers gives what the full reader gives, on random cells")
    func plainNumbersAgreeWithFullReader() {
        var generator = SystemRandomNumberGenerator()
        var readInOnePass = 0
        for _ in 0..<50_000 {
            var text = Self.randomCell(&generator)
            for convention in [DecimalConvention.point, .comma] {
                let (fast, full) = text.withUTF8 {
                    (NumberParser.parse($0, convention: convention), NumberParser.parseAnySpelling($0, convention: convention))
                }
                guard fast == full else {
                    Issue.record("'\(text)' (\(convention.label)): \(fast) against \(full)")
                    return
                }
                if text.withUTF8({ NumberParser.plainNumber($0) }) != nil { readInOnePass += 1 }
            }
        }
        // The comparison covered the one-pass reading, not only text it hands on.
        #expect(readInOnePass > 5_000)
    }

    @Test("numbers at the digit and scale limits read the same either way",
          arguments: ["999999999999999999", "-999999999999999999", "1999999999999999999", "0000999999999999999999",
                      "0,123456789012", "0.1234567890123", "12345678.9012345678", "-0", "-0,0", ".5", "5.", "-.5", ".",
                      "-", "0.125", "1.234", "1,234", "0,123", "1234,567", "12,5", "9223372036854775807"])
    func limits(_ text: String) {
        var text = text
        for convention in [DecimalConvention.point, .comma] {
            let (fast, full) = text.withUTF8 {
                (NumberParser.parse($0, convention: convention), NumberParser.parseAnySpelling($0, convention: convention))
            }
            #expect(fast == full, "\(convention.label)")
        }
    }

    @Test("bytes and String entry points agree")
    func bytesEntryPoint() {
        for text in ["1.234,56", "85%", "-", "abc", "1.234"] {
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer { NumberParser.parse($0, convention: .comma) }
            #expect(fromBytes == NumberParser.parse(text, convention: .comma), "\(text)")
        }
    }

    @Test("Windows-1252 no-break spaces around a number are trimmed")
    func windows1252NoBreakSpace() {
        let bytes: [UInt8] = [0xA0, 0x38, 0x35, 0x2C, 0x35, 0xA0]
        let reading = bytes.withUnsafeBufferPointer { NumberParser.parse($0, convention: .point) }
        #expect(reading == .value(ExactDecimal(significand: 855, scale: 1), evidence: .comma, ambiguous: false))
    }
}
