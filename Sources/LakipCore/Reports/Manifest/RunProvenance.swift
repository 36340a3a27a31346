/// What a run knows beyond the dataset, for the manifest: where the inputs were read from and
/// the options in force. Directory paths are used to find the files, never written out.
public struct RunProvenance: Sendable {
    public var dataDirectory: String
    /// The policy file read (its path to hash, its name as recorded), if any.
    public var policyFile: (path: String, name: String)?
    public var options: [(key: String, value: JSONValue)]
    /// The input files' digests, worked out while they loaded; a file missing there is hashed
    /// at the commit.
    var inputDigests: InputDigests?

    public init(dataDirectory: String, policyFile: (path: String, name: String)?, options: [(key: String, value: JSONValue)]) {
        self.dataDirectory = dataDirectory
        self.policyFile = policyFile
        self.options = options
    }

    static func joined(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The manifest entries of the input files: hashed as the load read them, or now.
    ///
    /// - Throws: ``OutputError`` when an input file can no longer be read.
    func inputs(of dataset: Dataset) throws -> [Manifest.Input] {
        var result: [Manifest.Input] = []
        for file in dataset.files {
            let path = Self.joined(dataDirectory, file.name)
            guard let (sha, size) = inputDigests?.digest(named: file.name) ?? SHA256.file(at: path) else {
                throw OutputError(path: path, reason: "berkas masukan tidak dapat dibaca lagi untuk manifest")
            }
            result.append(Manifest.Input(name: file.name, kind: file.kind.rawValue, size: size, sha256: sha,
                                         rowsRead: file.rowsRead, rowsUsed: file.rowsUsed, rowsRejected: file.rowsRejected))
        }
        if let policyFile {
            guard let (sha, size) = SHA256.file(at: policyFile.path) else {
                throw OutputError(path: policyFile.path, reason: "berkas kebijakan tidak dapat dibaca lagi untuk manifest")
            }
            result.append(Manifest.Input(name: policyFile.name, kind: Manifest.Input.policyKind, size: size, sha256: sha))
        }
        return result
    }
}

