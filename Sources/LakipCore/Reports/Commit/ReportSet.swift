import Dispatch

/// The files of one run, built beside their final names, and the step that makes them visible:
/// every file is flushed to disk (while the manifests hash the inputs) before any is renamed
/// into place, and each folder's manifest is renamed last, so it never lists a file that is not
/// there yet.
final class ReportSet {
    /// One report folder (a period's) and the files built for it, in the order written.
    struct Folder {
        var period: ReportPeriod
        var files: [AtomicFile] = []
    }

    /// The output folder.
    let directory: String
    private(set) var folders: [Folder] = []
    /// Files outside any period folder (the run's `validasi.csv`).
    private var sharedFiles: [AtomicFile] = []

    init(directory: String) {
        self.directory = directory
    }

    /// The path of `name` in `period`'s folder.
    func path(of name: String, in period: ReportPeriod) -> String {
        directory + "/" + period.folder + "/" + name
    }

    /// Creates `period`'s folder, clears what a killed run left in it, and starts its file list.
    func addFolder(_ period: ReportPeriod) throws {
        let path = directory + "/" + period.folder
        try AtomicFile.makeDirectories(path)
        AtomicFile.removeLeftovers(in: path)
        folders.append(Folder(period: period))
    }

    /// Starts a file named `name` in the folder added last.
    func file(named name: String) throws -> AtomicFile {
        let file = try AtomicFile(path: path(of: name, in: folders[folders.count - 1].period))
        folders[folders.count - 1].files.append(file)
        return file
    }

    /// Starts a file named `name` in every folder and one at the top of the output folder, to
    /// hold the same bytes (`validasi.csv`: each folder keeps the list of the run that made it).
    func fileInEveryFolder(named name: String) throws -> [AtomicFile] {
        let top = try AtomicFile(path: directory + "/" + name)
        sharedFiles.append(top)
        var files = [top]
        for index in folders.indices {
            let file = try AtomicFile(path: path(of: name, in: folders[index].period))
            folders[index].files.append(file)
            files.append(file)
        }
        return files
    }

    /// Flushes every file, writes each folder's manifest (when `provenance` is given), then
    /// renames everything into place.
    ///
    /// - Returns: the paths written.
    /// - Throws: ``OutputError``; nothing is renamed when a file cannot be written or flushed.
    func commit(provenance: RunProvenance?, dataset: Dataset, policy: Policy) throws -> [String] {
        let pending = folders.flatMap(\.files) + sharedFiles
        // The reports go to disk while the manifest hashes the inputs.
        let reports = LockedValue(pending)
        let flushing = DispatchGroup()
        let flushFailure = LockedValue(OutputError?.none)
        DispatchQueue.global().async(group: flushing) {
            do {
                try AtomicFile.flush(reports.value)
            } catch {
                flushFailure.withValue { $0 = error as? OutputError }
            }
        }
        var manifests: [AtomicFile] = []
        do {
            if let provenance { manifests = try manifestFiles(provenance: provenance, dataset: dataset, policy: policy) }
        } catch {
            flushing.wait()
            throw error
        }
        flushing.wait()
        if let failure = flushFailure.value { throw failure }
        try AtomicFile.flush(manifests)
        let all = pending + manifests
        for file in all { try file.commit() }
        return all.map(\.path)
    }

    /// One manifest per folder, listing the folder's files; written beside them.
    private func manifestFiles(provenance: RunProvenance, dataset: Dataset, policy: Policy) throws -> [AtomicFile] {
        let inputs = try provenance.inputs(of: dataset)
        return try folders.map { folder in
            let outputs = folder.files.map { file in
                Manifest.Output(path: folder.period.folder + "/" + RunProvenance.lastComponent(file.path),
                                size: file.digest.byteCount, sha256: file.digest.hexDigest())
            }
            let manifest = Manifest(year: folder.period.year, period: folder.period.label, options: provenance.options,
                                    policy: policy.description, inputs: inputs, outputs: outputs)
            let file = try AtomicFile(path: path(of: Manifest.fileName, in: folder.period))
            var text = manifest.json()
            try text.withUTF8 { try file.write($0) }
            return file
        }
    }
}
