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
        discussion: """
        Tanpa subperintah, lakip menjalankan 'run'. Bantuan tiap subperintah:
        lakip help <subperintah>.

        \(Lakip.exitStatuses)

        Contoh:
          lakip init data-baru                 # templat target.csv, realisasi.csv
          lakip validate --data data           # periksa data tanpa menulis laporan
          lakip run --data data --out reports  # hitung capaian dan tulis laporan
          lakip verify --out reports           # periksa laporan terhadap manifest.json
        """,
        version: ToolVersion.current,
        subcommands: [Run.self, Validate.self, Init.self, Verify.self, Import.self],
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
            for line in UsageErrorText.lines(for: error, of: failedCommand) { writeToStandardError(line) }
            Glibc.exit(ExitStatus.fatal.rawValue)
        }
    }
}

extension Lakip {
    /// The subcommand the arguments name (`run` when they name none), for its usage line.
    static var failedCommand: ParsableCommand.Type {
        let first = CommandLine.arguments.dropFirst().first
        return configuration.subcommands.first { $0._commandName == first } ?? Run.self
    }

    /// What every subcommand that reads data answers with (SPEC §6).
    static let exitStatuses = "Status keluar: 0 semua baris dipakai, 1 laporan ditulis tetapi ada baris ditolak, "
        + "2 tidak ada yang ditulis (galat fatal atau penggunaan)."
}

/// Carries a job's exit status out of `run()`.
struct JobExit: Error {
    let status: ExitStatus
}

struct CommonOptions: ParsableArguments {
    // Defaults are said in the help text, in Indonesian, rather than by ArgumentParser's "(default: …)".
    @Option(name: .customLong("data"),
            help: ArgumentHelp("Folder berisi ekspor CSV (target*.csv, realisasi*.csv, opd.csv) (bawaan: data).",
                               valueName: "folder"))
    var dataOption: String?

    var data: String { dataOption ?? "data" }

    @Option(name: .long, help: ArgumentHelp("Hanya tahun ini (mis. 2025); bawaan: semua tahun yang ada.", valueName: "tahun"))
    var year: Int?

    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("Laporan triwulan s.d. triwulan ini (TW2, 2, II), di <out>/<tahun>/TW<n>/; triwulan sesudahnya "
                               + "diabaikan. Bawaan: triwulan terakhir yang memuat realisasi (TW4: laporan tahunan).",
                               valueName: "TWn"),
            transform: { text in
                guard let quarter = TermParsing.quarter(text) else {
                    throw ValidationError("--as-of '\(text)' tidak dikenal; tulis TW1–TW4, 1–4 atau I–IV.")
                }
                return quarter
            })
    var asOf: Quarter?

    @Flag(name: .long, help: "Tanpa ringkasan di stderr (galat tetap ditampilkan).")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Berkas kebijakan; bawaan: lakip.toml di folder data bila ada.", valueName: "berkas"))
    var config: String?

    func validate() throws {
        if let year, !(1900...2200).contains(year) {
            throw ValidationError("--year \(year) tidak valid; tulis tahun empat angka, mis. 2025.")
        }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Membaca data, menghitung capaian, dan menulis laporan LAKIP.",
        // Wrapped by hand: ArgumentParser prints a usage line as one line, however long.
        usage: """
        lakip run [--data <folder>] [--out <folder>] [--year <tahun>]
                  [--as-of <TWn>] [--format <daftar>] [--dialect <dialek>]
                  [--negative-formula <rumus>] [--scale <skala>]
                  [--cap <persen>] [--config <berkas>] [--opd <kode>]
                  [--pemda <kode>] [--tanggal <teks>] [--wait <detik>]
                  [--quiet]
        """,
        discussion: """
        Laporan tahunan (data s.d. TW4) ditulis ke <out>/<tahun>/, laporan
        triwulan ke <out>/<tahun>/TW<n>/, daftar masalah ke <out>/validasi.csv.
        Tiap folder laporan ditulis utuh di folder tersembunyi lalu ditukar
        sekaligus: bila gagal atau dihentikan, tiap folder berisi laporan lama
        yang utuh atau laporan baru yang utuh. Hanya satu proses lakip menulis
        ke satu folder laporan pada satu waktu (lihat --wait).

        \(Lakip.exitStatuses)

        Contoh:
          lakip run --data data --out reports --as-of TW2
          lakip run --dialect \(CSVDialect.excelIndonesian.name)     # untuk Excel/LibreOffice (Indonesia)
          lakip run --format csv,xlsx,html,md --year 2025
          lakip run --format html --opd 1.02.0.00.0.00.01.0000   # dokumen satu OPD
          lakip run --pemda 6311,6308      # dua Pemda dari data banyak Pemda
        """)

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("out"),
            help: ArgumentHelp("Folder laporan; satu subfolder per tahun, dan per triwulan di dalamnya (bawaan: reports).",
                               valueName: "folder"))
    var outOption: String?

    var out: String { outOption ?? "reports" }

    @Option(name: .customLong("negative-formula"),
            help: ArgumentHelp("Rumus polaritas negatif: "
                               + NegativeFormula.choicePhrase { $0.sentence + ($0 == .difference ? " (bawaan)" : "") } + ".",
                               valueName: "rumus"),
            transform: { text in
                guard let formula = NegativeFormula.named(text) else {
                    throw ValidationError("rumus '\(text)' tidak dikenal; pilih \(NegativeFormula.choicePhrase).")
                }
                return formula
            })
    var negativeFormula: NegativeFormula?

    @Option(name: .long,
            help: ArgumentHelp("Skala kategori: " + CategoryScale.choicePhrase { $0.name + ($0 == .permendagri86 ? " (bawaan)" : "") } + ".",
                               valueName: "skala"))
    var scale: String?

    @Option(name: .long, help: ArgumentHelp("Batas atas capaian yang dicetak (mis. 120); nilai asli tetap di keterangan.",
                                            valueName: "persen"),
            transform: { text in
                guard case .value(let value, _, _) = NumberParser.parse(text, convention: .point), value.significand > 0 else {
                    throw ValidationError("--cap '\(text)' tidak valid; tulis angka lebih dari 0, mis. 120.")
                }
                return value
            })
    var cap: ExactDecimal?

    @Option(name: .long,
            help: ArgumentHelp("Dialek CSV: "
                               + CSVDialect.choicePhrase { "\($0.name) (\($0.summary)\($0 == .standard ? "; bawaan" : ""))" } + ".",
                               valueName: "dialek"),
            transform: { text in
                guard let dialect = CSVDialect.named(text) else {
                    throw ValidationError("--dialect '\(text)' tidak dikenal; pilih \(CSVDialect.choicePhrase).")
                }
                return dialect
            })
    var dialect: CSVDialect = .standard

    @Option(name: .long,
            help: ArgumentHelp("Format laporan per folder, dipisah koma: csv (tabel CSV; bawaan), xlsx (lakip_<tahun>.xlsx), "
                               + "html (laporan.html dengan grafik), md (laporan.md). validasi.csv selalu ditulis.",
                               valueName: "daftar"),
            transform: { text in
                do {
                    return try ReportFormat.list(text)
                } catch {
                    throw ValidationError("\(error)")
                }
            })
    var format: Set<ReportFormat> = [.csv]

    @Option(name: .long,
            help: ArgumentHelp("Dokumen per OPD (opd/<kode_opd>.html, .md, .xlsx) hanya untuk kode OPD ini, dipisah koma "
                               + "(bawaan: semua OPD).", valueName: "kode"),
            transform: { try Run.codes($0, option: "opd", example: "kode OPD, mis. --opd 1.02.0.00.0.00.01.0000") })
    var opd: Set<String>?

    @Option(name: .long,
            help: ArgumentHelp("Hanya Pemda ini (kode_pemda), dipisah koma; baris Pemda lain dilewati dan dicatat "
                               + "(bawaan: semua Pemda).", valueName: "kode"),
            transform: { try Run.codes($0, option: "pemda", example: "kode Pemda, mis. --pemda 6311") })
    var pemda: Set<String>?

    /// A comma list of codes (`--opd`, `--pemda`); an empty one is a usage error.
    static func codes(_ text: String, option: String, example: String) throws -> Set<String> {
        let codes = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !codes.isEmpty else { throw ValidationError("--\(option) kosong; tulis \(example).") }
        return Set(codes)
    }

    @Option(name: .long,
            help: ArgumentHelp("Tempat dan tanggal di atas tanda tangan dokumen per OPD, mis. \"Paringin, 15 Juli 2025\" "
                               + "(bawaan: titik-titik untuk diisi; tidak pernah tanggal hari ini).", valueName: "teks"))
    var tanggal: String?

    @Option(name: .long,
            help: ArgumentHelp("Bila folder laporan sedang dipakai proses lakip lain: tunggu paling lama sekian detik "
                               + "(bawaan: 10), lalu menolak dengan status 2. 0 = langsung menolak.", valueName: "detik"),
            transform: { text in
                guard let seconds = Double(text), seconds >= 0, seconds <= 86_400 else {
                    throw ValidationError("--wait '\(text)' tidak valid; tulis jumlah detik 0–86400, mis. 10.")
                }
                return seconds
            })
    var wait: Double = 10

    func run() throws {
        var options = JobOptions(dataDirectory: common.data, outputDirectory: out, year: common.year, asOf: common.asOf,
                                 negativeFormula: negativeFormula, quiet: common.quiet)
        options.dialect = dialect
        options.formats = format
        options.agencyCodes = opd
        options.pemdaCodes = pemda
        options.signatureDate = tanggal
        options.configPath = common.config
        options.scaleName = scale
        options.cap = cap
        options.lockWaitSeconds = wait
        // The bar only where a person watches: a terminal, and not asked to be quiet.
        options.showsProgress = !common.quiet && isatty(STDERR_FILENO) == 1
        let status = LakipJob(options: options, log: writeToStandardError).run()
        if status != .success { throw JobExit(status: status) }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Memeriksa data dan mencetak setiap masalah tanpa menulis laporan.",
        usage: """
        lakip validate [--data <folder>] [--year <tahun>] [--as-of <TWn>]
                       [--config <berkas>] [--quiet]
        """,
        discussion: """
        Setiap masalah dicetak ke stdout, satu baris: tingkat, berkas:baris
        [kolom], kode dan pesan.

        \(Lakip.exitStatuses)

        Contoh:
          lakip validate --data data
          lakip validate --data data --year 2025 --as-of TW2
        """)

    @OptionGroup var common: CommonOptions

    func run() throws {
        var options = JobOptions(dataDirectory: common.data, year: common.year, asOf: common.asOf, quiet: common.quiet)
        options.configPath = common.config
        options.showsProgress = !common.quiet && isatty(STDERR_FILENO) == 1
        let status = LakipJob(options: options, log: writeToStandardError).validate { print($0) }
        if status != .success { throw JobExit(status: status) }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Memeriksa apakah laporan masih sesuai dengan masukannya dan tidak diubah tangan (manifest.json).",
        discussion: """
        Menghitung ulang SHA-256 setiap berkas yang tercatat di
        <out>/<tahun>/manifest.json dan <out>/<tahun>/TW<n>/manifest.json: berkas
        laporan, validasi.csv dan berkas masukan di folder data.

        Status keluar: 0 semua cocok, 1 ada yang tidak cocok, 2 tidak ada manifest
        yang dapat dibaca.

        Contoh:
          lakip verify
          lakip verify --out reports --data data
        """)

    @Option(name: .customLong("out"), help: ArgumentHelp("Folder laporan yang diperiksa (bawaan: reports).", valueName: "folder"))
    var out: String?

    @Option(name: .customLong("data"),
            help: ArgumentHelp("Folder data yang dipakai membuat laporan itu (bawaan: data).", valueName: "folder"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Berkas kebijakan yang dipakai dengan --config saat 'run' (bawaan: lakip.toml di folder data).",
                                            valueName: "berkas"))
    var config: String?

    func run() throws {
        var options = JobOptions(dataDirectory: data ?? "data", outputDirectory: out ?? "reports")
        options.configPath = config
        let status = LakipJob(options: options, log: writeToStandardError).verify { print($0) }
        if status != .success { throw JobExit(status: status) }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Membuat folder data baru berisi templat target.csv, realisasi.csv dan README penjelasan kolom.",
        discussion: """
        Templat memakai nama kolom baku dan dua baris contoh per berkas. Berkas
        yang sudah ada tidak ditimpa.

        Contoh:
          lakip init data-2026
          lakip run --data data-2026 --out laporan-2026
        """)

    @Argument(help: ArgumentHelp("Folder yang dibuat (boleh sudah ada, asal belum berisi templat).", valueName: "folder"))
    var directory: String

    func run() throws {
        do {
            let written = try ProjectTemplate.write(to: directory)
            for path in written { writeToStandardError("ditulis: \(path)") }
            writeToStandardError("Isi kedua berkas dengan data Anda, lalu jalankan: lakip run --data \(directory)")
        } catch {
            writeToStandardError("galat: \(error)")
            throw JobExit(status: .fatal)
        }
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
