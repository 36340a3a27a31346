import Foundation

/// A value cell of a report: a number, perhaps with its unit inside the cell ("95/%", "100 %",
/// "25 persen", "80/Dokumen"), or rupiah ("Rp. 1.234.567,00").
struct MeasuredValue: Equatable {
    /// The number; `nil` when the cell is empty or says "not reported" (`-`).
    var value: ExactDecimal?
    /// The unit found in the cell, if any.
    var unit: String?
    /// The text as it stood.
    var text: String

    /// Why a non-empty cell is not a value, in Bahasa Indonesia.
    enum Failure: Error, Equatable {
        case notANumber(String)
    }

    /// Reads `text` with `convention` deciding an ambiguous `1.234`.
    static func parse(_ text: String, convention: DecimalConvention) throws -> MeasuredValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return MeasuredValue(value: nil, unit: nil, text: text) }
        var numberPart = trimmed
        var unit: String?
        // "80/%" or "80/Dokumen": emonev writes target/satuan.
        if let slash = trimmed.firstIndex(of: "/"), trimmed.first.map({ $0.isNumber || $0 == "-" || $0 == "+" }) == true {
            numberPart = String(trimmed[..<slash]).trimmingCharacters(in: .whitespaces)
            let after = String(trimmed[trimmed.index(after: slash)...]).trimmingCharacters(in: .whitespaces)
            unit = after.isEmpty ? nil : after
        } else if !isRupiah(trimmed) {
            // "100 %", "25 persen", "12 orang": the number, then words.
            let scalars = Array(trimmed)
            var end = 0
            while end < scalars.count, scalars[end].isNumber || ".,-+ ".contains(scalars[end]) { end += 1 }
            if end > 0 && end < scalars.count {
                numberPart = String(scalars[..<end]).trimmingCharacters(in: .whitespaces)
                let rest = String(scalars[end...]).trimmingCharacters(in: .whitespaces)
                unit = rest
            }
        }
        if isRupiah(numberPart) {
            // "Rp. 0, 00": emonev puts a space after the comma; spaces never belong in a number.
            numberPart = numberPart.replacingOccurrences(of: " ", with: "")
        }
        if unit == "%" || unit?.lowercased() == "persen" { unit = "%" }
        switch NumberParser.parse(numberPart, convention: convention) {
        case .absent:
            return MeasuredValue(value: nil, unit: unit, text: text)
        case .value(let value, _, _):
            return MeasuredValue(value: value, unit: unit, text: text)
        case .invalid(let reason):
            throw Failure.notANumber("'\(trimmed)' bukan angka (\(reason))")
        }
    }

    private static func isRupiah(_ text: String) -> Bool {
        text.lowercased().hasPrefix("rp")
    }

    /// The parts of a cell that holds several indicators, one per line.
    static func lines(_ cell: String) -> [String] {
        cell.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .reversed().drop { $0.isEmpty }.reversed()
    }
}

/// The text after "(n)" or "13 = 6 + 12": the column number a header cell names.
func columnNumber(_ cell: String) -> Int? {
    var text = cell.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("(") { text.removeFirst() }
    let digits = text.prefix { $0.isNumber }
    guard !digits.isEmpty, digits.count <= 2 else { return nil }
    let rest = text.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
    guard rest.isEmpty || rest.hasPrefix(")") || rest.hasPrefix("=") else { return nil }
    return Int(digits)
}

/// Lowercased text with runs of spaces and line breaks made one space, for matching labels.
func looseText(_ text: String) -> String {
    text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
}
