import Dispatch

/// The files of one run and the step that makes them visible (SPEC §5: a run replaces its
/// folders as a whole).
///
/// Each report folder is built complete in a staging folder (``StagedFolder``), every file and
/// the folder itself flushed to disk, and only then swapped in, one atomic step per folder.
/// `validasi.csv` at the top is renamed into place after the folders. A failure before the
/// top file is in place swaps every folder back, so the run changes nothing; a kill leaves each
/// folder complete, old or new, and the hidden leftovers to the next run.
final class ReportSet {
    /// The output folder, locked by this run.
    let output: OutputFolder
    private(set) var folders: [StagedFolder] = []
    /// Files outside any period folder (the run's `validasi.csv`).
    private var sharedFiles: [AtomicFile] = []

    init(output: OutputFolder) {
        self.output = output
    }

    /// Starts `period`'s folder: checks its place and creates its staging folder.
    func addFolder(_ period: ReportPeriod) throws -> StagedFolder {
        let folder = try StagedFolder(period: period, in: output)
        folders.append(folder)
        return folder
    }

    /// Starts a file named `name` in every folder, listed last in each, and one at the top of
    /// the output folder, to hold the same bytes (`validasi.csv`: each folder keeps the list of
    /// the run that made it).
    func fileInEveryFolder(named name: String) throws -> MirroredFiles {
        switch FileSystem.kind(of: name, in: output.folder) {
        case .directory, .other: throw OutputError(path: output.folder.path(of: name), reason: "bukan berkas biasa")
        case .missing, .regularFile, .symbolicLink: break // a link there is replaced by the rename, never followed
        }
        let top = try AtomicFile(name: name, in: output.folder, renamedIntoPlace: true)
        sharedFiles.append(top)
        return MirroredFiles(try [top] + folders.map { try $0.file(named: name, listedLast: true) })
    }

    /// Flushes every file, writes each folder's manifest (when `provenance` is given), swaps
    /// each folder in, then renames the top files into place.
    ///
    /// - Returns: the paths written.
    /// - Throws: ``OutputError``; every folder swapped in by then is swapped back first, so the
    ///   earlier reports stay as they were (``OutputError/replacedFolders`` names any that could
    ///   not be).
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
        for file in folders.flatMap(\.files) { try file.commit() }
        for folder in folders { try folder.prepare() }

        do {
            for folder in folders { try folder.swapIn() }
            for file in sharedFiles { try file.commit() }
        } catch let failure as OutputError {
            var kept: [String] = []
            for folder in folders.reversed() where folder.isSwappedIn {
                do { try folder.swapBack() } catch { kept.append(folder.path) }
            }
            var error = failure
            error.replacedFolders = kept.reversed()
            throw error
        }
        // Visible and complete: the old sets under the hidden names can go. A failure here
        // leaves them to the next run, which removes them.
        try? FileSystem.sync(output.folder.descriptor, path: output.path)
        for folder in folders { try? folder.removeHiddenSet() }
        return (folders.flatMap(\.files) + sharedFiles).map(\.path)
    }

    /// Removes what a failed run built: the staging folders (or the old sets hidden by a swap
    /// that could not be undone) and the top files' temporary names.
    func discard() {
        for file in sharedFiles { file.discard() }
        for folder in folders { try? folder.removeHiddenSet() }
    }

    /// One manifest per folder, listing the folder's files; written beside them.
    private func manifestFiles(provenance: RunProvenance, dataset: Dataset, policy: Policy) throws -> [AtomicFile] {
        let inputs = try provenance.inputs(of: dataset)
        return try folders.map { folder in
            let outputs = folder.files.map { file in
                Manifest.Output(path: folder.period.folder + "/" + file.name,
                                size: file.digest.byteCount, sha256: file.digest.hexDigest())
            }
            let manifest = Manifest(year: folder.period.year, period: folder.period.label, options: provenance.options,
                                    policy: policy.description, inputs: inputs, outputs: outputs)
            let file = try folder.file(named: Manifest.fileName)
            var text = manifest.json()
            try text.withUTF8 { try file.write($0) }
            return file
        }
    }
}
