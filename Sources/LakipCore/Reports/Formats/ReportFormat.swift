import Foundation

/// A kind of report file `lakip run --format` can write for each year.
public enum ReportFormat: String, Sendable, CaseIterable, Comparable {
    /// The five CSV tables of SPEC §5 (the default).
    case csv
    /// `lakip_<tahun>.xlsx`: one worksheet per table.
    case xlsx
    /// `laporan.html`: the LKjIP Bab III page with charts.
    case html
    /// `laporan.md`: Markdown tables.
    case md

    /// Parses `csv,xlsx,html,md` (any order, spaces allowed, repeats ignored).
    ///
    /// - Throws: a message naming the unknown format and the known ones.
    public static func list(_ text: String) throws -> Set<ReportFormat> {
        var formats: Set<ReportFormat> = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = ReportFormat(rawValue: name) else {
                throw FormatListError(message: "format '\(name)' tidak dikenal; pilih dari csv, xlsx, html, md "
                                          + "(dipisah koma, mis. --format csv,xlsx,html).")
            }
            formats.insert(format)
        }
        guard !formats.isEmpty else {
            throw FormatListError(message: "--format kosong; tulis mis. --format csv atau --format csv,xlsx,html,md.")
        }
        return formats
    }

    /// The file this format writes in a report folder (csv: several; see ``ReportWriter/tableFiles``).
    public func fileName(year: Int) -> String? {
        switch self {
        case .csv: nil
        case .xlsx: "lakip_\(year).xlsx"
        case .html: "laporan.html"
        case .md: "laporan.md"
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: ReportFormat, rhs: ReportFormat) -> Bool { lhs.order < rhs.order }
}

/// An unknown name in `--format`.
public struct FormatListError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
