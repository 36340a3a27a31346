import Foundation

/// The starter files `lakip init DIR` writes: template `target.csv` and `realisasi.csv` with
/// the canonical headers and two example rows each, and a README in Bahasa Indonesia that
/// explains every column, so a new user can start from nothing.
public enum ProjectTemplate {
    /// Why `init` refused to write.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// File name → content, in the order written.
    public static let files: [(name: String, content: String)] = [
        ("target.csv", targets),
        ("realisasi.csv", actuals),
        ("README.md", readme),
    ]

    static let targets = """
    tahun,kode_opd,nama_opd,kode_sasaran,sasaran,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan,target_tw1,target_tw2,target_tw3,target_tw4
    2025,1.02.0.00.0.00.01.0000,Dinas Kesehatan,DINKES-S1,Meningkatnya derajat kesehatan ibu dan anak,DINKES-01,Angka Kematian Ibu per 100.000 KH,per 100.000 KH,negatif,akhir,75,80,78,76,75
    2025,2.09.3.27.3.25.01.0000,"Dinas Ketahanan Pangan, Pertanian dan Perikanan",DKP3-S1,Meningkatnya produksi pangan,DKP3-04,Produksi padi,ton,positif,jumlah,12000,2000,4000,3500,2500

    """

    static let actuals = """
    tahun,kode_opd,kode_indikator,triwulan,realisasi
    2025,1.02.0.00.0.00.01.0000,DINKES-01,TW1,82
    2025,2.09.3.27.3.25.01.0000,DKP3-04,TW1,2100

    """

    static let readme = """
    # Data kinerja untuk lakip

    Folder ini berisi dua berkas contoh. Ganti baris contohnya dengan data Perangkat Daerah Anda,
    lalu jalankan:

    ```
    lakip run --data <folder ini> --out laporan
    ```

    Laporan ditulis ke `laporan/<tahun>/`, dan setiap masalah pada data dicatat di
    `laporan/validasi.csv`. Untuk memeriksa data tanpa menulis laporan: `lakip validate --data <folder ini>`.

    Berkas boleh disimpan dari Excel atau LibreOffice sebagai CSV dengan pemisah koma, titik koma
    atau tab. Angka boleh ditulis `85.5`, `85,5`, `1.234,56` atau `85%`. Sel kosong, `-` atau `n/a`
    berarti belum dilaporkan (bukan 0).

    ## target.csv — Perjanjian Kinerja dan Rencana Aksi

    Satu baris untuk setiap indikator per tahun per OPD.

    | kolom | wajib | isi |
    |---|---|---|
    | `tahun` | ya | tahun anggaran, mis. `2025` |
    | `kode_opd` | ya | kode Perangkat Daerah |
    | `nama_opd` | tidak | nama Perangkat Daerah |
    | `kode_sasaran` | tidak | kode sasaran strategis |
    | `sasaran` | tidak | uraian sasaran strategis yang didukung indikator |
    | `kode_indikator` | ya | kode indikator kinerja, unik dalam satu OPD dan tahun |
    | `indikator` | ya | nama indikator kinerja |
    | `satuan` | tidak | satuan: `%`, `orang`, `ton`, `indeks`, `Rp` … |
    | `polaritas` | ya | `positif` (makin tinggi makin baik) atau `negatif` (makin rendah makin baik) |
    | `agregasi` | tidak | cara menggabungkan triwulan: `jumlah`, `akhir` (nilai triwulan terakhir) atau `rata-rata`; bila kosong disimpulkan dari satuan dan polaritas |
    | `target_tahunan` | ya* | target Perjanjian Kinerja setahun |
    | `target_tw1` … `target_tw4` | ya* | target Rencana Aksi per triwulan |

    \\* Isi `target_tahunan`, target triwulan, atau keduanya. Kolom tambahan yang dikenal: `bobot`,
    `target_renstra`, `tahun_akhir_renstra`, `pagu_anggaran`, `penanggung_jawab`.

    ## realisasi.csv — realisasi triwulanan

    Satu baris untuk setiap indikator per triwulan.

    | kolom | wajib | isi |
    |---|---|---|
    | `tahun` | ya | tahun anggaran |
    | `kode_opd` | ya | kode Perangkat Daerah, sama dengan di target.csv |
    | `kode_indikator` | ya | kode indikator, sama dengan di target.csv |
    | `triwulan` | ya | `1`–`4`, `TW1`, `TW I`, `Triwulan 2`, `Q3` … |
    | `realisasi` | ya | nilai realisasi triwulan itu |

    Kolom tambahan yang dikenal: `realisasi_anggaran`, `keterangan`. Bentuk lebar dengan kolom
    `realisasi_tw1` … `realisasi_tw4` dalam satu baris per indikator juga diterima.

    ## Realisasi bulanan

    Bila realisasi dicatat per bulan, tulis kolom `bulan` sebagai ganti `triwulan`:

    ```
    tahun,kode_opd,kode_indikator,bulan,realisasi
    2025,2.09.3.27.3.25.01.0000,DKP3-04,Januari,700
    2025,2.09.3.27.3.25.01.0000,DKP3-04,Feb,650
    ```

    - Bulan boleh ditulis `1`–`12` (atau `01`), `Januari` … `Desember`, atau singkatan `Jan`,
      `Feb`, `Mar`, `Apr`, `Mei`, `Jun`, `Jul`, `Agu`/`Agt`/`Ags`, `Sep`, `Okt`, `Nov`/`Nop`, `Des`.
    - Bentuk lebar juga diterima: kolom `realisasi_jan` … `realisasi_des` atau `realisasi_bulan_1`
      … `realisasi_bulan_12` (juga "Realisasi Januari", "Realisasi Bulan 1").
    - Bulan-bulan digabung menjadi triwulan menurut agregasi indikator: `jumlah` menjumlahkan
      bulan yang dilaporkan, `akhir` memakai bulan terakhir yang dilaporkan, `rata-rata` memakai
      rata-ratanya (bila tidak berhingga desimalnya, dibulatkan 4 desimal dan dicatat sebagai info).
      `realisasi_anggaran` per bulan dijumlahkan menjadi realisasi anggaran triwulan.
    - Satu triwulan dilaporkan per bulan *atau* per triwulan, tidak keduanya: nilai bulan dan nilai
      triwulan untuk triwulan yang sama adalah galat, dan triwulan itu dikosongkan.
    - Bila berkas memuat kolom `triwulan` dan `bulan`, bulan yang dipakai bila terisi (triwulannya
      harus cocok atau kosong); baris dengan bulan kosong dibaca sebagai baris triwulan.
    - Dengan `--as-of TW2`, bulan Juli–Desember diabaikan dan dicatat sebagai info.

    ## Banyak Pemda dalam satu data

    Provinsi atau kementerian yang membandingkan beberapa Pemda menambahkan kolom `kode_pemda`
    (dan `nama_pemda`) di depan target.csv, realisasi.csv dan opd.csv, serta boleh menambahkan
    pemda.csv (`kode_pemda,nama_pemda,provinsi`). Kode OPD yang sama di dua Pemda tetap dua OPD;
    baris realisasi tanpa `kode_pemda` ditolak. Laporan lalu memuat rekap_pemda.csv, dan
    `lakip run --pemda 6311` membaca satu Pemda saja.

    ## Dokumen per OPD

    Dengan `--format html,md,xlsx` setiap OPD mendapat dokumennya sendiri di `opd/`. Kolom
    `keterangan` realisasi (analisis, kendala, bukti) tampil sebagai "Analisis / kendala", dan
    `penanggung_jawab` di target atau realisasi sebagai penanggung jawab indikator. Tanda tangan
    diambil dari kolom `nama_kepala`, `nip_kepala`, `jabatan_kepala` di opd.csv dan `--tanggal`.

    ## Cara capaian dihitung

    - polaritas positif: realisasi / target × 100;
    - polaritas negatif: (2 × target − realisasi) / target × 100;
    - kategori (Permendagri 86/2017): ≥ 91 Sangat Tinggi, ≥ 76 Tinggi, ≥ 66 Sedang, ≥ 51 Rendah,
      selain itu Sangat Rendah.

    """

    /// Writes the starter files into `directory`, creating it when missing.
    ///
    /// - Returns: the paths written.
    /// - Throws: ``Refusal`` when one of the files already exists (nothing is overwritten), or
    ///   ``OutputError`` when a file cannot be written.
    @discardableResult
    public static func write(to directory: String) throws -> [String] {
        try FileSystem.makeFolders(directory)
        let folder = try FileSystem.openFolder(directory)
        let existing = files.map { directory + "/" + $0.name }.filter { FileManager.default.fileExists(atPath: $0) }
        guard existing.isEmpty else {
            throw Refusal(message: "\(existing.joined(separator: ", ")) sudah ada; lakip init tidak menimpa berkas. "
                              + "Pilih folder lain atau hapus berkas itu dulu.")
        }
        var pending: [AtomicFile] = []
        for (name, content) in files {
            let file = try AtomicFile(name: name, in: folder, renamedIntoPlace: true)
            var content = content
            try content.withUTF8 { try file.write($0) }
            pending.append(file)
        }
        for file in pending { try file.commit() }
        return pending.map(\.path)
    }
}
