import Foundation
import ZIPFoundation

/// A cell as a workbook stores it: the `<v>` text and the number format of its style.
struct Cell: Equatable {
    var value: String
    var format: String
}

/// The parts of an `.xlsx` file, unzipped, with the look-ups the workbook tests need.
struct WorkbookParts {
    var data: [String: Data] = [:]
    /// Number formats by cell style index (`s="…"`), from `xl/styles.xml`.
    private var formats: [String] = []

    init(_ workbook: Data) throws {
        let archive = try Archive(data: workbook, accessMode: .read)
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            data[entry.path] = bytes
        }
        let styles = text("xl/styles.xml")
        var codes: [String: String] = ["0": "General", "1": "0", "2": "0.00", "3": "#,##0", "4": "#,##0.00", "49": "@"]
        for match in styles.matches(of: /<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/) {
            codes[String(match.1)] = String(match.2).replacingOccurrences(of: "&quot;", with: "\"")
        }
        if let cellXfs = styles.firstMatch(of: /<cellXfs[^>]*>(.*?)<\/cellXfs>/) {
            formats = String(cellXfs.1).matches(of: /<xf numFmtId="(\d+)"/).map { codes[String($0.1)] ?? "?" }
        }
    }

    func text(_ path: String) -> String {
        String(decoding: data[path] ?? Data(), as: UTF8.self)
    }

    /// The sheets' names in workbook order.
    var sheetNames: [String] {
        text("xl/workbook.xml").matches(of: /<sheet name="([^"]*)"/).map { String($0.1) }
    }

    /// The numeric cell `reference` of a worksheet's XML, with its number format.
    func cell(_ reference: String, in sheet: String) -> Cell? {
        guard let range = sheet.range(of: "<c r=\"\(reference)\"") else { return nil }
        let rest = sheet[range.upperBound...]
        guard let end = rest.range(of: "</c>") else { return nil }
        let element = String(rest[..<end.lowerBound])
        guard let value = element.firstMatch(of: /<v>([^<]*)<\/v>/) else { return nil }
        let style = element.firstMatch(of: /s="(\d+)"/).map { Int($0.1)! } ?? 0
        return Cell(value: String(value.1), format: style < formats.count ? formats[style] : "?")
    }
}
