/// A report-shaped export read whole: every record with the line it starts on.
///
/// Report sheets (E.81, Rencana Aksi, LAKIP tables) are a few hundred rows, so they are held in
/// memory; the canonical files stay streamed by the loader.
public struct ReportSheet: Sendable {
    public struct Row: Sendable {
        /// The line the record starts on (first line = 1).
        public let line: Int
        /// The cells, trimmed of surrounding spaces; line breaks inside a cell are kept as `\n`.
        public let cells: [String]
        /// The spaces each cell began with before trimming: some apps indent a kegiatan under
        /// its program (" Program …", "  Kegiatan …") instead of printing a code.
        public var indents: [Int] = []

        public init(line: Int, cells: [String], indents: [Int] = []) {
            self.line = line
            self.cells = cells
            self.indents = indents
        }

        public subscript(column: Int) -> String {
            column >= 0 && column < cells.count ? cells[column] : ""
        }

        /// The spaces `column` began with.
        public func indent(_ column: Int) -> Int {
            column >= 0 && column < indents.count ? indents[column] : 0
        }

        /// Whether every cell is empty.
        public var isBlank: Bool { cells.allSatisfy(\.isEmpty) }

        /// The first non-empty cell.
        public var firstText: String { cells.first { !$0.isEmpty } ?? "" }
    }

    /// The file name as messages show it.
    public let name: String
    public let rows: [Row]
    /// The separator found: `,`, `;` or tab.
    public let delimiter: UInt8

    /// Reads the file at `path`.
    ///
    /// The delimiter is decided over the first lines, not the first one alone: a report's
    /// first line is often a title saved by Excel as `Judul,,,,` or by hand without separators.
    public static func read(path: String, name: String) throws -> ReportSheet {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "tidak ada izin membacanya" : "berkas tidak ditemukan"
            throw CSVError(.unreadable(reason: reason), path: name)
        }
        return try parse(bytes: [UInt8](data), name: name)
    }

    /// Parses CSV bytes held in memory.
    public static func parse(bytes: [UInt8], name: String) throws -> ReportSheet {
        let delimiter = detectDelimiter(bytes)
        var rows: [Row] = []
        var reader = CSVFileReader()
        reader.keepsSurroundingSpaces = true
        try reader.read(bytes: bytes, displayName: name, delimiter: delimiter) { record in
            var indents: [Int] = []
            let cells = (0..<record.count).map { index -> String in
                let text = record.string(index)
                    .replacingOccurrences(of: "\r\n", with: "\n")
                    .replacingOccurrences(of: "\r", with: "\n")
                indents.append(text.prefix { $0 == " " || $0 == "\u{00A0}" }.count)
                return text.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{00A0}")))
            }
            rows.append(Row(line: record.line, cells: cells, indents: indents))
        }
        return ReportSheet(name: name, rows: rows, delimiter: delimiter)
    }

    /// The separator most used outside quotes over the first 20 lines.
    static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var quoted = false
        var lines = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if byte == UInt8(ascii: "\n") {
                lines += 1
                if lines >= 20 { break }
                continue
            }
            if counts[byte] != nil { counts[byte]! += 1 }
        }
        let order = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        let best = order.max { counts[$0]! < counts[$1]! }!
        return counts[best]! > 0 ? best : UInt8(ascii: ",")
    }
}

import Foundation
