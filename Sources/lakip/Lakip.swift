import ArgumentParser
import LakipCore

#if canImport(Glibc)
import Glibc
#endif

/// The `lakip` command: parses arguments and hands the work to ``LakipJob``.
@main
struct Lakip: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lakip",
        abstract: "Menghitung capaian kinerja (SAKIP/LAKIP) dari ekspor CSV target dan realisasi.",
        subcommands: [Run.self, Validate.self],
        defaultSubcommand: Run.self)

    /// Usage errors exit with status 2, as SPEC §6 requires, instead of ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            if let status = error as? JobExit {
                Glibc.exit(status.status.rawValue)
            }
            writeToStandardError(fullMessage(for: error))
            writeToStandardError("Lihat 'lakip --help'.")
            Glibc.exit(ExitStatus.fatal.rawValue)
        }
    }
}

/// Carries a job's exit status out of `run()`.
struct JobExit: Error {
    let status: ExitStatus
}

struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder berisi ekspor CSV (target*.csv, realisasi*.csv, opd.csv).", valueName: "folder"))
    var data = "data"

    @Option(name: .long, help: ArgumentHelp("Hanya tahun ini (mis. 2025); bawaan: semua tahun yang ada.", valueName: "tahun"))
    var year: Int?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Hitung s.d. triwulan ini (TW2, 2, II); triwulan sesudahnya diabaikan.", valueName: "TWn"),
            transform: { text in
                guard let quarter = TermParsing.quarter(text) else {
                    throw ValidationError("--as-of '\(text)' tidak dikenal; tulis TW1–TW4, 1–4 atau I–IV.")
                }
                return quarter
            })
    var asOf: Quarter?

    @Flag(name: .long, help: "Tanpa ringkasan di stderr (galat tetap ditampilkan).")
    var quiet = false

    func validate() throws {
        if let year, !(1900...2200).contains(year) {
            throw ValidationError("--year \(year) tidak valid; tulis tahun empat angka, mis. 2025.")
        }
    }
}

extension NegativeFormula: ExpressibleByArgument {}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Membaca data, menghitung capaian, dan menulis laporan LAKIP.",
        discussion: "Contoh: lakip run --data data --out reports --as-of TW2")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: ArgumentHelp("Folder laporan; satu subfolder per tahun.", valueName: "folder"))
    var out = "reports"

    @Option(name: .customLong("negative-formula"),
            help: ArgumentHelp("Rumus polaritas negatif: selisih, (2T−R)/T×100 (bawaan), atau rasio, T/R×100.", valueName: "rumus"))
    var negativeFormula: NegativeFormula = .difference

    func run() throws {
        let options = JobOptions(dataDirectory: common.data, outputDirectory: out, year: common.year, asOf: common.asOf,
                                 negativeFormula: negativeFormula, quiet: common.quiet)
        let status = LakipJob(options: options, log: writeToStandardError).run()
        if status != .success { throw JobExit(status: status) }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Memeriksa data dan mencetak setiap masalah tanpa menulis laporan.",
        discussion: "Contoh: lakip validate --data data")

    @OptionGroup var common: CommonOptions

    func run() throws {
        let options = JobOptions(dataDirectory: common.data, year: common.year, asOf: common.asOf, quiet: common.quiet)
        let status = LakipJob(options: options, log: writeToStandardError).validate { print($0) }
        if status != .success { throw JobExit(status: status) }
    }
}

/// Writes a line to standard error, unbuffered.
func writeToStandardError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}
