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

/// The builder's own number formatting against the `String` formatting of ``Fraction``, and
/// rows that repeat their leading cells against rows written out in full.
@Suite("CSV row builder: numbers and repeated cells")
struct CSVRowBuilderNumberTests {
    private func cells(_ dialect: CSVDialect, _ write: (inout CSVRowBuilder) -> Void) -> String {
        var builder = CSVRowBuilder(dialect: dialect, byteOrderMark: false)
        write(&builder)
        return String(decoding: builder.bytes, as: UTF8.self)
    }

    /// The value's digits printed through `String` (``Fraction/wideDecimalText(units:scale:trimTrailingZeros:)``,
    /// independent of the 64-bit writer), with the dialect's separator: what every value cell must read.
    private func expected(_ value: Fraction, _ dialect: CSVDialect) -> String {
        guard let (units, scale) = value.decimalDigits() else { return "?" }
        let text = Fraction.wideDecimalText(units: units, scale: scale, trimTrailingZeros: true)
        return String(decoding: text.utf8.map { $0 == 0x2E ? dialect.decimalSeparator : $0 }, as: UTF8.self)
    }

    @Test("values print as their exact decimal text in both dialects", arguments: [CSVDialect.standard, .excelIndonesian])
    func valuesMatchDecimalText(_ dialect: CSVDialect) {
        var generator = SystemRandomNumberGenerator()
        var values: [Fraction] = [
            .zero, Fraction(-1), Fraction(numerator: 5, denominator: 1000), Fraction(numerator: -5, denominator: 1000),
            Fraction(numerator: 123_456_789_012_345_678, denominator: 1_000_000_000_000_000_000),
            Fraction(numerator: Int128(Int64.max), denominator: 100), Fraction(numerator: Int128(UInt64.max), denominator: 10),
            Fraction(numerator: Int128(UInt64.max) + 1, denominator: 10), Fraction(numerator: 10, denominator: 3),
            Fraction(numerator: 1, denominator: 8), Fraction(numerator: 7, denominator: 20), Fraction(numerator: 12000, denominator: 1),
            Fraction(numerator: 1, denominator: 10_000_000_000_000_000_000), Fraction(numerator: 4_880, denominator: 1_000),
        ]
        for _ in 0..<2_000 {
            let scale = Int.random(in: 0...18, using: &generator)
            let numerator = Int128(Int64.random(in: -999_999_999_999...999_999_999_999, using: &generator))
            values.append(Fraction(numerator: numerator, denominator: Fraction.powerOfTen(scale)))
        }
        for value in values {
            #expect(cells(dialect) { $0.value(value) } == expected(value, dialect), "\(value.numerator)/\(value.denominator)")
        }
    }

    @Test("integers and achievements print every digit, signs included")
    func integersAndAchievements() {
        for integer in [0, 7, -7, 1_000, Int.max, Int.min] {
            #expect(cells(.standard) { $0.integer(integer) } == String(integer))
        }
        for hundredths: Int64 in [0, 5, -5, 100, 8_525, -8_525, 123_456_789, Int64.max, Int64.min + 1] {
            let text = Fraction.wideDecimalText(units: Int128(hundredths), scale: 2, trimTrailingZeros: false)
            #expect(cells(.standard) { $0.achievement(Achievement(hundredths: hundredths)) } == text)
            #expect(cells(.excelIndonesian) { $0.achievement(Achievement(hundredths: hundredths)) }
                == text.replacingOccurrences(of: ".", with: ","))
        }
    }

    @Test("the 64-bit decimal text is the text built through String, for every scale and sign")
    func decimalTextPaths() {
        var generator = SystemRandomNumberGenerator()
        var cases: [(Int128, Int)] = [(0, 0), (0, 2), (0, 19), (5, 3), (-5, 3), (Int128(UInt64.max), 19), (-Int128(UInt64.max), 0),
                                      (1_000, 2), (1_000, 3), (1_000, 4), (10_000_000_000_000_000_000, 19)]
        // Where the number of digits changes: 10^k − 1, 10^k and 10^k + 1, with both signs.
        for exponent in 0...19 {
            let power = Int128(UInt64(Fraction.powerOfTen(exponent)))
            for units in [power - 1, power, power + 1] {
                for scale in [0, 2, exponent, 19] {
                    cases.append((units, scale))
                    cases.append((-units, scale))
                }
            }
        }
        for _ in 0..<5_000 {
            cases.append((Int128(Int64.random(in: Int64.min...Int64.max, using: &generator)), Int.random(in: 0...19, using: &generator)))
            // Every length of value, as reports hold them: fewer digits than decimals among them.
            let bound = Int64(Fraction.powerOfTen(Int.random(in: 0...18, using: &generator)))
            cases.append((Int128(Int64.random(in: -bound...bound, using: &generator)), Int.random(in: 0...19, using: &generator)))
        }
        for (units, scale) in cases {
            for trims in [true, false] {
                #expect(Fraction.decimalText(units: units, scale: scale, trimTrailingZeros: trims)
                    == Fraction.wideDecimalText(units: units, scale: scale, trimTrailingZeros: trims), "\(units) \(scale) \(trims)")
            }
        }
    }

    @Test("the decimals of a fraction without reducing it are those found by reducing it")
    func decimalDigitsWithoutReducing() {
        var generator = SystemRandomNumberGenerator()
        // Denominators as means and sums make them: powers of 2 and 5 (exact decimals), times
        // small counts and other factors (none), and a few at the edges.
        let factors: [Int128] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 25, 100, 125, 1_000, 1 << 20, 390_625, 10_000_000_000]
        var cases: [Fraction] = [
            Fraction(numerator: 0, denominator: 3), Fraction(numerator: 1, denominator: 1 << 30),
            Fraction(numerator: Int128(UInt64.max), denominator: 3), Fraction(numerator: -Int128(UInt64.max), denominator: 1 << 20),
            Fraction(numerator: Int128(UInt64.max) + 1, denominator: 3), Fraction(numerator: 7, denominator: Int128(UInt64.max) + 2),
        ]
        for _ in 0..<20_000 {
            let bound = Int64(Fraction.powerOfTen(Int.random(in: 0...18, using: &generator)))
            let numerator = Int128(Int64.random(in: -bound...bound, using: &generator))
            var denominator: Int128 = 1
            for _ in 0..<Int.random(in: 1...3, using: &generator) { denominator *= factors.randomElement(using: &generator)! }
            cases.append(Fraction(numerator: numerator, denominator: denominator))
        }
        var compared = 0
        for value in cases where value.decimalScale == nil {
            // (A power-of-ten denominator is printed as it stands, unreduced, before either.)
            for maximum in [4, 0, 2, 19] {
                let fast = value.decimalDigits(maximumFractionDigits: maximum)
                let reduced = value.decimalDigitsByReducing(maximumFractionDigits: maximum)
                #expect(fast?.units == reduced?.units && fast?.scale == reduced?.scale,
                        "\(value.numerator)/\(value.denominator), at most \(maximum) decimals")
                compared += 1
            }
        }
        #expect(compared > 40_000)
    }

    @Test("the decimal scale of a denominator is found only for powers of ten")
    func decimalScale() {
        for exponent in 0...18 {
            #expect(Fraction(numerator: 1, denominator: Fraction.powerOfTen(exponent)).decimalScale == exponent)
        }
        for denominator: Int128 in [2, 3, 20, 25, 1_000_000_000_000_000_001, Fraction.powerOfTen(19), 11, 110] {
            #expect(Fraction(numerator: 1, denominator: denominator).decimalScale == nil, "\(denominator)")
        }
    }

    @Test("the quoting scan, sixteen bytes at a time, finds what a byte-by-byte scan finds, wherever it lies")
    func quotingScan() {
        var generator = SystemRandomNumberGenerator()
        let plain = Array("Dinas Kesehatan persentase 0123456789 éàü".utf8)
        let special: [UInt8] = [0x22, 0x0A, 0x0D, 0x2C, 0x3B, 0x09]
        var found = 0
        for length in 0...70 {
            for _ in 0..<40 {
                var field = (0..<length).map { _ in plain.randomElement(using: &generator)! }
                // Most fields get one special byte at a random place (in a 16-byte block or the tail).
                if length > 0 && Int.random(in: 0..<3, using: &generator) > 0 {
                    field[Int.random(in: 0..<length, using: &generator)] = special.randomElement(using: &generator)!
                }
                for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09] {
                    let expected = field.contains { $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == delimiter }
                    let scanned = field.withUnsafeBufferPointer { CSVRowBuilder.needsQuotes($0, delimiter: delimiter) }
                    if expected { found += 1 }
                    guard scanned == expected else {
                        Issue.record("\(field) with delimiter \(delimiter): \(scanned)")
                        return
                    }
                }
            }
        }
        #expect(found > 1_000)
    }

    @Test("kept cells written again are the bytes and the rewrites of the cells written afresh")
    func keptCellsWrittenAgain() {
        for dialect in [CSVDialect.standard, .excelIndonesian] {
            let leading = ["007", "-5", "Dinas \"Kesehatan\", Kota"]
            var repeated = CSVRowBuilder(dialect: dialect, byteOrderMark: false)
            var written = CSVRowBuilder(dialect: dialect, byteOrderMark: false)
            var store = CSVBytes()
            var leadingCells = CSVRowBuilder.KeptCells(), middleCells = CSVRowBuilder.KeptCells()
            repeated.row(["header"])
            written.row(["header"])
            for period in ["TW1", "TW2", "=TW3"] {
                // Kept at the start of a row, written again at the start of the next rows.
                if period == "TW1" {
                    let start = repeated.cellsStart()
                    repeated.integer(2025)
                    for cell in leading { repeated.text(cell) }
                    leadingCells = repeated.keep(since: start, in: &store)
                } else {
                    repeated.append(leadingCells, from: store)
                }
                written.integer(2025)
                for cell in leading { written.text(cell) }
                // Kept in the middle of a row, written again at a row's start and in its middle.
                repeated.text(period)
                if period == "TW1" {
                    let start = repeated.cellsStart()
                    repeated.value(Fraction(numerator: -12_345, denominator: 100))
                    repeated.empty()
                    repeated.text("+62")
                    middleCells = repeated.keep(since: start, in: &store)
                } else {
                    repeated.append(middleCells, from: store)
                }
                repeated.endRow()
                repeated.append(middleCells, from: store)
                repeated.endRow()
                written.text(period)
                for _ in 0..<2 {
                    written.value(Fraction(numerator: -12_345, denominator: 100))
                    written.empty()
                    written.text("+62")
                    written.endRow()
                }
            }
            #expect(String(decoding: repeated.bytes, as: UTF8.self) == String(decoding: written.bytes, as: UTF8.self))
            #expect(repeated.rewritten == written.rewritten)
            #expect(leadingCells.count == 4 && middleCells.count == 3)
            if dialect == .excelIndonesian { #expect(written.rewritten == RewrittenText(neutralised: 10, keptAsText: 3)) }
        }
    }
}
