import Foundation
import Testing

/// A report CSV read back for assertions: RFC 4180 (comma, double quotes, quoted line breaks).
///
/// Deliberately independent of LakipCore's reader, so a bug there cannot hide itself here.
struct CSVTable {
    var header: [String]
    /// Data records, each as many fields as the file has.
    var records: [[String]]

    init(text: String) {
        var rows = CSVTable.parse(text)
        header = rows.isEmpty ? [] : rows.removeFirst()
        records = rows
    }

    /// Reads `directory/path`, recording a test issue when it is missing.
    init(_ directory: URL, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(path)
        let data = try #require(FileManager.default.contents(atPath: url.path),
                                "\(path) was not written", sourceLocation: sourceLocation)
        self.init(text: String(decoding: data, as: UTF8.self))
    }

    /// Records as column name → value.
    var rows: [[String: String]] {
        records.map { record in
            Dictionary(zip(header, record).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The rows whose columns have the given values.
    func rows(_ matching: [String: String]) -> [[String: String]] {
        rows.filter { row in matching.allSatisfy { row[$0.key] == $0.value } }
    }

    /// The single row whose columns have the given values.
    func row(_ matching: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: String] {
        let found = rows(matching)
        try #require(found.count == 1, "expected one row with \(matching), found \(found.count)",
                     sourceLocation: sourceLocation)
        return found[0]
    }

    private static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var afterQuote = false
        var atRowStart = true
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() {
            row.append(String(field))
            field = String.UnicodeScalarView()
            afterQuote = false
        }
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    if let next = scalars.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; afterQuote = true; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
                atRowStart = false
            case ",":
                endField()
                atRowStart = false
            case "\r":
                continue
            case "\n":
                endField()
                rows.append(row)
                row = []
                atRowStart = true
            default:
                field.append(scalar)
                atRowStart = false
            }
        }
        if !atRowStart || !field.isEmpty {
            endField()
            rows.append(row)
        }
        return rows
    }
}
