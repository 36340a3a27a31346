/// One indicator read from a report-shaped export, in the canonical schema's terms.
public struct ImportedIndicator: Sendable, Equatable {
    public var year: Int
    public var agencyCode: String
    public var agencyName: String
    public var objectiveCode = ""
    public var objective = ""
    public var code: String
    public var name: String
    public var unit = ""
    public var polarity: Polarity = .positive
    public var aggregation: Aggregation = .sum
    public var annualTarget: ExactDecimal?
    public var quarterTargets: [ExactDecimal?] = [nil, nil, nil, nil]
    public var renstraTarget: ExactDecimal?
    public var budgetCeiling: ExactDecimal?
    public var actuals: [ExactDecimal?] = [nil, nil, nil, nil]
    public var budgetActuals: [ExactDecimal?] = [nil, nil, nil, nil]
    public var note = ""
    /// The source line the indicator came from.
    public var line: Int
}

/// What became of one source row: the rows of `impor.csv`.
public struct ImportNote: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        /// An indicator row, turned into canonical rows.
        case imported = "diimpor"
        /// A title, header, hierarchy, footer or blank row: read and deliberately not data.
        case structure = "struktur"
        /// A row that should have been data and could not be read.
        case rejected = "ditolak"
        /// Not a row of its own: an inference or remark about an imported row.
        case remark = "catatan"
    }

    public enum Level: String, Sendable {
        case error = "galat", warning = "peringatan", info = "info"
    }

    public var file: String
    public var line: Int
    public var outcome: Outcome
    public var level: Level
    public var code: String
    public var indicatorCode: String
    public var message: String

    public init(file: String, line: Int, outcome: Outcome, level: Level = .info, code: String,
                indicatorCode: String = "", message: String) {
        self.file = file
        self.line = line
        self.outcome = outcome
        self.level = level
        self.code = code
        self.indicatorCode = indicatorCode
        self.message = message
    }
}

/// The result of reading one export.
public struct ImportedSheet: Sendable {
    public var layout: ExportLayout
    public var indicators: [ImportedIndicator] = []
    public var notes: [ImportNote] = []
    /// Source rows read, and how many were imported, structure or rejected.
    public var rowsRead = 0
    public var imported = 0
    public var structure = 0
    public var rejected = 0

    public init(layout: ExportLayout) {
        self.layout = layout
    }

    mutating func structure(_ row: ReportSheet.Row, file: String, _ what: String) {
        structure += 1
        notes.append(ImportNote(file: file, line: row.line, outcome: .structure, code: "struktur", message: what))
    }

    /// Records an indicator row imported as `indicators`, described in impor.csv as `what`
    /// followed by their names.
    mutating func imported(_ indicators: [ImportedIndicator], from row: ReportSheet.Row, file: String, _ what: String) {
        imported += 1
        notes.append(ImportNote(file: file, line: row.line, outcome: .imported, code: "diimpor",
                                indicatorCode: indicators.map(\.code).joined(separator: " "),
                                message: what + ": " + indicators.map(\.name).joined(separator: "; ")))
        self.indicators += indicators
    }

    /// Rejects a row for what reading it threw: a ``RowProblem`` with its code, anything else as
    /// unreadable.
    mutating func reject(_ row: ReportSheet.Row, file: String, for error: Error) {
        if let problem = error as? RowProblem {
            reject(row.line, file: file, code: problem.code, problem.message)
        } else {
            reject(row.line, file: file, code: "tidak-terbaca", "\(error)")
        }
    }

    mutating func reject(_ line: Int, file: String, code: String, _ message: String) {
        rejected += 1
        notes.append(ImportNote(file: file, line: line, outcome: .rejected, level: .error, code: code, message: message))
    }

    mutating func remark(_ line: Int, file: String, level: ImportNote.Level, code: String, indicator: String, _ message: String) {
        notes.append(ImportNote(file: file, line: line, outcome: .remark, level: level, code: code,
                                indicatorCode: indicator, message: message))
    }
}
