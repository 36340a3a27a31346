/// A problem that stops reading a CSV file: the file cannot be read or is not valid CSV.
///
/// Carries what a user needs to find the spot: the file, the line and, where known, the field.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The file could not be opened or read.
        case unreadable(reason: String)
        /// The path is a directory, not a file.
        case isDirectory
        /// A quoted field is never closed before the end of the file.
        case unterminatedQuote
        /// libcsv could not grow its buffer (a field too large for memory).
        case outOfMemory
        /// A field is longer than the reader accepts.
        case fieldTooLong(limit: Int)
        /// A record has more fields than the reader accepts.
        case tooManyFields(limit: Int)
        /// A record's cells together are longer than the reader accepts.
        case recordTooLong(limit: Int)
    }

    public var code: Code
    /// The path as the user gave it or as found in the data directory.
    public var path: String
    /// The line where the problem starts (1-based), when known.
    public var line: Int?
    /// The 1-based field number in the record, when known.
    public var field: Int?

    public init(_ code: Code, path: String, line: Int? = nil, field: Int? = nil) {
        self.code = code
        self.path = path
        self.line = line
        self.field = field
    }

    /// The message shown to the user, in Bahasa Indonesia.
    public var description: String {
        var place = path
        if let line { place += ", baris \(line)" }
        if let field { place += ", kolom ke-\(field)" }
        switch code {
        case .unreadable(let reason):
            return "\(place): berkas tidak dapat dibaca (\(reason))."
        case .isDirectory:
            return "\(place): ini folder, bukan berkas CSV."
        case .unterminatedQuote:
            return "\(place): tanda kutip (\") dibuka tetapi tidak pernah ditutup sampai akhir berkas. "
                + "Tutup tanda kutip pada sel itu atau hapus tanda kutip yang berlebih."
        case .outOfMemory:
            return "\(place): sel terlalu besar untuk dibaca (memori tidak cukup)."
        case .fieldTooLong(let limit):
            return "\(place): sel lebih panjang dari \(limit) bita; periksa tanda kutip yang tidak ditutup atau data yang rusak."
        case .recordTooLong(let limit):
            return "\(place): satu baris lebih panjang dari \(limit) bita; periksa pemisah baris, tanda kutip, atau data yang rusak."
        case .tooManyFields(let limit):
            return "\(place): satu baris berisi lebih dari \(limit) kolom; periksa pemisah kolom dan tanda kutip."
        }
    }
}
