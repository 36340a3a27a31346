#if canImport(Glibc)
import Glibc
#endif

/// `lakip verify`: recomputes the hashes a run recorded in each `<tahun>/manifest.json` and says
/// whether the reports still match their inputs and were not edited by hand.
public struct Verifier {
    /// The folder of reports (`--out`).
    public var outputDirectory: String
    /// The data folder the reports were made from (`--data`).
    public var dataDirectory: String
    /// The policy file given to the run with `--config`; `nil` looks in the data folder.
    public var policyFile: String?

    public init(outputDirectory: String = "reports", dataDirectory: String = "data", policyFile: String? = nil) {
        self.outputDirectory = outputDirectory
        self.dataDirectory = dataDirectory
        self.policyFile = policyFile
    }

    /// One finding of a verification.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            /// A report file differs from what the run wrote, or is missing.
            case outputChanged = "laporan-berubah"
            /// A file in a year folder that the manifest does not list.
            case outputUnlisted = "laporan-tidak-tercatat"
            /// An input file differs from what the run read, or is missing.
            case inputChanged = "masukan-berubah"
            /// A CSV file in the data folder that the run did not read.
            case inputUnlisted = "masukan-baru"
            /// A manifest entry that names a path outside its folder.
            case unsafePath = "path-tidak-aman"
            /// A policy file that the run did not read (it had none), found now.
            case policyUnlisted = "kebijakan-baru"
        }

        public var kind: Kind
        public var message: String
        public var description: String { "\(kind.rawValue): \(message)" }
    }

    /// What a verification found.
    public struct Result: Sendable {
        /// The report folders whose manifest was read (`2025`, `2025/TW2`), in order.
        public var folders: [String] = []
        public var findings: [Finding] = []
        public var filesChecked = 0
        /// Manifests written by another version of lakip (informational).
        public var otherVersions: [String] = []
        /// Set when `validasi.csv` at the top is the list of a run that was stopped before it
        /// renamed its own into place: it matches the earlier set that run hid (informational;
        /// the next run clears it).
        public var interruptedRun = false
    }

    /// Reads every manifest under the output folder and checks each file it lists.
    ///
    /// - Throws: ``ManifestError`` when the output folder has no manifest or one cannot be read.
    public func verify() throws -> Result {
        var result = Result()
        let reportFolders = Self.reportFolders(in: outputDirectory)
        guard !reportFolders.isEmpty else {
            throw ManifestError(file: outputDirectory,
                                message: "tidak ada manifest.json di folder laporan ini. Jalankan 'lakip run' dulu, "
                                    + "atau sebutkan folder laporan dengan --out")
        }
        var listedInputs = Set<String>()
        // Folders whose run read no policy file: a policy file found now was added later.
        var foldersWithoutPolicy: [String] = []
        // The run's own validasi.csv at the top must equal the copy of one report folder.
        var validationCopies: [String: String] = [:]
        for folder in reportFolders {
            let manifestPath = Self.joined(outputDirectory, folder, Manifest.fileName)
            let displayName = folder + "/" + Manifest.fileName
            guard let bytes = Self.contents(of: manifestPath) else {
                throw ManifestError(file: displayName, message: "tidak dapat dibaca")
            }
            let manifest = try Manifest(json: bytes, name: displayName)
            result.folders.append(folder)
            if manifest.toolVersion != ToolVersion.current { result.otherVersions.append("\(displayName): \(manifest.toolVersion)") }
            var listedOutputs = Set<String>()
            for output in manifest.outputs {
                result.filesChecked += 1
                guard Self.isSafeRelativePath(output.path) else {
                    result.findings.append(Finding(kind: .unsafePath, message: "\(displayName) mencatat '\(output.path)', "
                        + "yang keluar dari folder laporan; manifest ini tidak dapat dipercaya."))
                    continue
                }
                listedOutputs.insert(output.path)
                if output.path == folder + "/" + Self.validationFile { validationCopies[output.sha256] = folder }
                switch SHA256.file(at: Self.joined(outputDirectory, output.path)) {
                case nil:
                    result.findings.append(Finding(kind: .outputChanged,
                                                   message: "\(output.path) tidak ada lagi (tercatat di \(displayName))."))
                case let (sha, size)? where sha != output.sha256 || size != output.size:
                    result.findings.append(Finding(kind: .outputChanged,
                                                   message: "\(output.path) diubah setelah laporan dibuat (SHA-256 berbeda dari \(displayName))."))
                default:
                    break
                }
            }
            for path in Self.files(in: folder, under: outputDirectory, skipping: Set(reportFolders))
            where path != folder + "/" + Manifest.fileName && !listedOutputs.contains(path) {
                result.findings.append(Finding(kind: .outputUnlisted,
                                               message: "\(path) tidak tercatat di \(displayName); "
                                                   + "berkas itu tidak dibuat oleh proses yang sama."))
            }
            if !manifest.inputs.contains(where: { $0.kind == Manifest.Input.policyKind }) { foldersWithoutPolicy.append(folder) }
            for input in manifest.inputs {
                result.filesChecked += 1
                guard Self.isSafeRelativePath(input.name) || input.kind == Manifest.Input.policyKind else {
                    result.findings.append(Finding(kind: .unsafePath, message: "\(displayName) mencatat masukan '\(input.name)', "
                        + "yang keluar dari folder data; manifest ini tidak dapat dipercaya."))
                    continue
                }
                listedInputs.insert(input.name)
                // The manifest records only the policy file's name: it is read from --config when
                // given, else from the data folder, where `lakip.toml` is read by default.
                let policyPath = policyFile ?? Self.joined(dataDirectory, RunProvenance.lastComponent(input.name))
                switch SHA256.file(at: input.kind == Manifest.Input.policyKind ? policyPath : Self.joined(dataDirectory, input.name)) {
                case nil:
                    result.findings.append(Finding(kind: .inputChanged,
                                                   message: "masukan \(input.name) tidak ada di folder '\(dataDirectory)' "
                                                       + "(tercatat di \(displayName))."))
                case let (sha, size)? where sha != input.sha256 || size != input.size:
                    result.findings.append(Finding(kind: .inputChanged,
                                                   message: "masukan \(input.name) berubah sejak laporan \(folder) dibuat; "
                                                       + "jalankan ulang 'lakip run'."))
                default:
                    break
                }
            }
        }
        let policyPath = policyFile ?? Self.joined(dataDirectory, PolicyFile.defaultName)
        if !foldersWithoutPolicy.isEmpty, let (_, _) = SHA256.file(at: policyPath) {
            result.findings.append(Finding(kind: .policyUnlisted,
                                           message: "berkas kebijakan \(policyFile ?? PolicyFile.defaultName) ada sekarang, tetapi "
                                               + "laporan \(foldersWithoutPolicy.joined(separator: ", ")) dibuat tanpa berkas "
                                               + "kebijakan; jalankan ulang 'lakip run'."))
        }
        let validationPath = Self.joined(outputDirectory, Self.validationFile)
        if let (sha, _) = SHA256.file(at: validationPath) {
            if validationCopies[sha] == nil && Self.hiddenValidationCopies(in: outputDirectory).contains(sha) {
                result.interruptedRun = true
            } else if validationCopies[sha] == nil {
                result.findings.append(Finding(kind: .outputChanged,
                                               message: "\(Self.validationFile) diubah setelah laporan dibuat (tidak sama "
                                                   + "dengan salinannya di folder laporan mana pun)."))
            }
        } else if !validationCopies.isEmpty {
            result.findings.append(Finding(kind: .outputChanged,
                                           message: "\(Self.validationFile) tidak ada lagi (salinannya ada di folder "
                                               + "\(validationCopies.values.sorted().joined(separator: ", ")))."))
        }
        if let found = try? InputFile.csvFiles(in: dataDirectory) {
            for (_, name) in found where !listedInputs.contains(name) {
                result.findings.append(Finding(kind: .inputUnlisted,
                                               message: "masukan baru \(name) di folder '\(dataDirectory)' belum dipakai "
                                                   + "laporan mana pun; jalankan ulang 'lakip run'."))
            }
        }
        return result
    }

    /// The visible files of `folder` and of its subfolders (the per-OPD documents in `opd/`),
    /// as paths under `directory`, sorted; the report folders in `skipping` (a year's quarter
    /// folders) are left to their own manifests.
    static func files(in folder: String, under directory: String, skipping: Set<String>) -> [String] {
        var found: [String] = []
        for name in entries(of: joined(directory, folder)).sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard !skipping.contains(path) else { continue }
            var status = stat()
            if lstat(joined(directory, path), &status) == 0 && status.st_mode & S_IFMT == S_IFDIR {
                let inside = files(in: path, under: directory, skipping: skipping)
                // An empty folder is reported itself: nothing of the run made it.
                found += inside.isEmpty ? [path] : inside
            } else {
                found.append(path)
            }
        }
        return found
    }

    /// validasi.csv, at the top of the output folder and copied into each report folder; its
    /// name is the writer's.
    static let validationFile = ReportWriter.validationFile

    /// The SHA-256 of each `validasi.csv` in the hidden report folders a run keeps until it ends
    /// (`.2025.lakip-<pid>-<random>`, `2025/.TW2.lakip-…`): after a kill between swapping in
    /// its folders and renaming its `validasi.csv`, the top file is the copy of such a set.
    static func hiddenValidationCopies(in directory: String) -> Set<String> {
        var folders: [String] = []
        for name in entries(of: directory) {
            if AtomicFile.isTemporaryName(name) {
                folders.append(joined(directory, name))
            } else if !name.hasPrefix(".") {
                folders += entries(of: joined(directory, name)).filter(AtomicFile.isTemporaryName).map { joined(directory, name, $0) }
            }
        }
        return Set(folders.compactMap { SHA256.file(at: joined($0, validationFile))?.sha256 })
    }

    /// The report folders under `directory` that hold a manifest: the year folders (`2025`) and
    /// the quarter folders inside them (`2025/TW2`), in order.
    static func reportFolders(in directory: String) -> [String] {
        func isDirectory(_ path: String) -> Bool {
            var status = stat()
            return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
        }
        func hasManifest(_ folder: String) -> Bool {
            access(joined(directory, folder, Manifest.fileName), F_OK) == 0
        }
        var folders: [String] = []
        for year in entries(of: directory).sorted() where !year.hasPrefix(".") && isDirectory(joined(directory, year)) {
            if hasManifest(year) { folders.append(year) }
            for quarter in Quarter.allCases.dropLast().map(\.label) where isDirectory(joined(directory, year, quarter)) {
                if hasManifest(year + "/" + quarter) { folders.append(year + "/" + quarter) }
            }
        }
        return folders
    }

    /// A path recorded in a manifest is only followed when it stays inside its folder.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\0")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty }
    }

    static func joined(_ parts: String...) -> String {
        parts.dropFirst().reduce(parts[0]) { RunProvenance.joined($0, $1) }
    }

    static func entries(of directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The bytes of a small file (a manifest), or `nil`; at most 64 MiB is read.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while bytes.count < 64 << 20 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { if errno == EINTR { continue }; return nil }
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        return bytes
    }
}

extension LakipJob {
    /// `lakip verify`: prints what was checked and every mismatch.
    ///
    /// - Returns: `.success` when every file matches, `.rowsRejected` (1) when something does
    ///   not, `.fatal` (2) when there is no readable manifest.
    public func verify(print: (String) -> Void) -> ExitStatus {
        let verifier = Verifier(outputDirectory: options.outputDirectory, dataDirectory: options.dataDirectory,
                                policyFile: options.configPath)
        let result: Verifier.Result
        do {
            result = try verifier.verify()
        } catch {
            log("galat: \(error)")
            return .fatal
        }
        for finding in result.findings { print("TIDAK COCOK\t\(finding.kind.rawValue)\t\(finding.message)") }
        for other in result.otherVersions { print("info\tversi-lain\t\(other) dibuat oleh lakip versi lain (sekarang \(ToolVersion.current)).") }
        if result.interruptedRun {
            print("info\tproses-terhenti\t\(Verifier.validationFile) masih daftar masalah proses sebelumnya: proses terakhir "
                  + "dihentikan setelah mengganti folder laporannya. Setiap folder utuh; 'lakip run' berikutnya merapikannya.")
        }
        let folders = result.folders.joined(separator: ", ")
        if result.findings.isEmpty {
            print("COCOK: laporan \(folders) di '\(options.outputDirectory)' sesuai dengan masukan di '\(options.dataDirectory)' "
                  + "dan tidak diubah (\(result.filesChecked) berkas diperiksa).")
            return .success
        }
        print("TIDAK COCOK: \(result.findings.count) masalah pada laporan \(folders) (\(result.filesChecked) berkas diperiksa). "
              + "Jalankan ulang 'lakip run' untuk membuat laporan yang sesuai.")
        return .rowsRejected
    }
}
