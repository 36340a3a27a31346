/// A problem with the input that stops the run before anything is written (exit status 2).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case directoryMissing = "folder-tidak-ada"
        case noTargetFile = "target-tidak-ada"
        case unrecognizedFile = "berkas-tidak-dikenal"
        case missingColumn = "kolom-wajib-tidak-ada"
        case ambiguousColumn = "kolom-ambigu"
        case emptyFile = "berkas-kosong"
        case malformedCSV = "csv-rusak"
        case unreadable = "berkas-tidak-terbaca"
        case noDataForYear = "tahun-tidak-ada"
    }

    public var code: Code
    /// The file concerned, relative to the data directory (or the directory itself).
    public var file: String
    public var line: Int?
    public var column: String?
    /// What is wrong and what to do, in Bahasa Indonesia.
    public var message: String

    public init(_ code: Code, file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(_ error: CSVError) {
        switch error.code {
        case .unreadable, .isDirectory:
            self.init(.unreadable, file: error.path, line: error.line, message: error.description)
        default:
            self.init(.malformedCSV, file: error.path, line: error.line,
                      column: error.field.map { "kolom ke-\($0)" }, message: error.description)
        }
    }

    public var description: String { message }
}
