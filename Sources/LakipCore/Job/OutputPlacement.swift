#if canImport(Glibc)
import Glibc
#endif

/// Where a run writes, against where it reads: the output folder may not be the data folder
/// or lie inside it, or every later run would read its own `validasi.csv` and reports as input
/// (SPEC §6: the output folder is never read as input).
struct OutputPlacement {
    var data: String
    var output: String

    /// - Throws: ``OutputError`` naming both folders when the output lies in the data folder.
    func check() throws {
        // A data folder that does not exist is the loader's to report.
        guard let dataPath = Self.resolved(data), let outputPath = Self.resolved(output) else { return }
        guard outputPath == dataPath || outputPath.hasPrefix(dataPath == "/" ? "/" : dataPath + "/") else { return }
        throw OutputError(path: output, reason: "folder laporan sama dengan folder data '\(data)' atau berada di dalamnya; "
                              + "lakip akan membaca laporannya sendiri sebagai masukan. Pilih --out di luar folder data "
                              + "(mis. --out reports)")
    }

    /// The absolute path `path` names, links resolved, also when its last parts do not exist
    /// yet (the output folder of a first run): the nearest existing folder resolved, the rest
    /// appended.
    static func resolved(_ path: String) -> String? {
        var missing: [Substring] = []
        var existing = path.isEmpty ? "." : path
        while true {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return missing.reversed().reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
            }
            guard errno == ENOENT else { return nil }
            let parts = existing.split(separator: "/", omittingEmptySubsequences: true)
            guard let last = parts.last, last != "..", last != "." else { return nil }
            missing.append(last)
            let rest = parts.dropLast().joined(separator: "/")
            existing = rest.isEmpty ? (existing.hasPrefix("/") ? "/" : ".") : (existing.hasPrefix("/") ? "/" + rest : rest)
        }
    }
}
