import ArgumentParser
import LakipCore

/// `lakip import`: report-shaped exports of other applications → the canonical files.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Mengubah ekspor aplikasi lain (E.81, Rencana Aksi, tabel LAKIP) menjadi target.csv, realisasi.csv dan opd.csv.",
        usage: """
        lakip import <berkas> ... --ke <folder> [--tahun <tahun>] [--opd <kode>]
        """,
        discussion: """
        Bentuk yang dikenali: E.81 evaluasi hasil Renja (Permendagri 86/2017,
        K/Rp), E.81 format SIPD (Volume/Satuan/Rp), Rencana Aksi dengan realisasi
        (TW-I…IV), dan tabel LAKIP datar. impor.csv mencatat nasib setiap baris
        sumber: diimpor, struktur (judul, hierarki, jumlah, kaki) atau ditolak,
        serta setiap tebakan polaritas/agregasi untuk diperiksa.

        Status keluar: 0 semua baris terbaca, 1 berkas ditulis tetapi ada baris
        ditolak, 2 tidak ada yang ditulis (berkas tak terbaca atau tak dikenali).

        Contoh:
          lakip import e81-dinkes.csv --ke data-2025 --tahun 2025
          lakip import rencana-aksi.csv --ke data --opd 1.02.0.00.0.00.01.0000
        """)

    @Argument(help: ArgumentHelp("Berkas ekspor CSV (disimpan dari Excel/LibreOffice).", valueName: "berkas"))
    var files: [String]

    @Option(name: .customLong("ke"), help: ArgumentHelp("Folder tujuan target.csv, realisasi.csv, opd.csv dan impor.csv.",
                                                       valueName: "folder"))
    var destination: String

    @Option(name: .customLong("tahun"), help: ArgumentHelp("Tahun laporan, bila judul ekspor tidak menyebutnya.", valueName: "tahun"))
    var year: Int?

    @Option(name: .customLong("opd"), help: ArgumentHelp("Kode OPD, bila ekspor tidak memuatnya.", valueName: "kode"))
    var agencyCode: String?

    func validate() throws {
        if let year, !(1900...2200).contains(year) {
            throw ValidationError("--tahun \(year) tidak valid; tulis tahun empat angka, mis. 2025.")
        }
    }

    func run() throws {
        let importer = ExportImporter(options: .init(files: files, outputDirectory: destination, year: year, agencyCode: agencyCode))
        let sheets: [ImportedSheet]
        do {
            sheets = try importer.run()
        } catch {
            writeToStandardError("galat: \(error)")
            writeToStandardError("Tidak ada berkas yang ditulis.")
            throw JobExit(status: .fatal)
        }
        var rejected = 0
        for (path, sheet) in zip(files, sheets) {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            writeToStandardError("\(name) (\(sheet.layout.title)): \(sheet.rowsRead) baris dibaca, \(sheet.imported) diimpor "
                                 + "(\(sheet.indicators.count) indikator), \(sheet.structure) struktur, \(sheet.rejected) ditolak")
            for note in sheet.notes where note.level == .error {
                writeToStandardError("galat: \(note.file), baris \(note.line): \(note.message)")
            }
            let warnings = sheet.notes.filter { $0.level == .warning }.count
            if warnings > 0 { writeToStandardError("  \(warnings) peringatan untuk diperiksa (lihat impor.csv)") }
            rejected += sheet.rejected
        }
        writeToStandardError("ditulis ke \(destination): target.csv, realisasi.csv, opd.csv, impor.csv")
        if rejected > 0 { throw JobExit(status: .rowsRejected) }
    }
}
