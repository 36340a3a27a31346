/// How serious a problem found in the input is (tingkat).
public enum Severity: String, Sendable, Comparable, CaseIterable {
    /// galat: the row was rejected.
    case error = "galat"
    /// peringatan: the row was used, but something in it needs a look.
    case warning = "peringatan"
    /// info: how the tool read the data (a convention, an inference).
    case info = "info"

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in the input: a row of `validasi.csv`.
public struct ValidationIssue: Sendable, Hashable {
    public var severity: Severity
    /// The file's name relative to the data directory.
    public var file: String
    /// The line as a text editor shows it (header = 1); `nil` for a file-wide note.
    public var line: Int?
    /// The column's name as the file's header writes it; empty when the issue is about the row.
    public var column: String
    /// A stable machine-readable code, e.g. `angka-tidak-valid`.
    public var code: String
    /// What is wrong and what to fix, in Bahasa Indonesia.
    public var message: String
    /// kode_opd of the row the problem is in, when the row names one (after its kode_pemda and a
    /// separator, when the data name Pemda): the OPD whose document lists it. Not a column of
    /// `validasi.csv`.
    public var agencyCode = ""
    /// tahun of that row, when it names a valid one.
    public var year: Int?

    public init(_ severity: Severity, file: String, line: Int? = nil, column: String = "", code: String, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.code = code
        self.message = message
    }
}

/// How many data rows of one input file were read, used and rejected.
public struct FileSummary: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case targets = "target"
        case actuals = "realisasi"
        case combined = "target+realisasi"
        case agencies = "opd"
        case pemdas = "pemda"
    }

    public var name: String
    public var kind: Kind
    public var rowsRead = 0
    public var rowsUsed = 0
    public var rowsRejected = 0
    /// Rows that are valid but outside `--year` or after `--as-of`; they count as used.
    public var rowsOutOfScope = 0
    /// Rows of a report-shaped export (E.81, Rencana Aksi, flat LAKIP) that are its structure:
    /// titles, column headers, program/kegiatan rows, footers, blank rows. Read on purpose and
    /// not data, they count as used.
    public var rowsStructure = 0

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
