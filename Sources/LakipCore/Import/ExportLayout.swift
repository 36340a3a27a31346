/// The report-shaped exports `lakip import` reads, each recognised by its header anchors.
public enum ExportLayout: String, Sendable, CaseIterable {
    /// Form E.81 of Permendagri 86/2017 (evaluasi hasil Renja), 15 numbered columns as K/Rp pairs:
    /// Kyozen-1/emonev, join-project-ms-grup/e-monev-utara-fe, ariefs66/sira_hibah_v4.
    case e81 = "e81"
    /// E.81 as SIPD-fed applications write it (agusnurwanto/wp-sipd): 39 columns, Volume/Satuan/Rp.
    case e81SIPD = "e81-sipd"
    /// Rencana Aksi with realisations (agusnurwanto/wp-eval-sakip): 28 columns.
    case actionPlan = "rencana-aksi"
    /// The flat LAKIP table of andhika201/E-Sakip.
    case flatLAKIP = "lakip-datar"

    /// The layout's name in messages.
    public var title: String {
        switch self {
        case .e81: "E.81 evaluasi hasil Renja"
        case .e81SIPD: "E.81 evaluasi Renja (format SIPD)"
        case .actionPlan: "Rencana Aksi dengan realisasi"
        case .flatLAKIP: "tabel LAKIP datar"
        }
    }

    /// The prefix of generated indicator codes.
    var codePrefix: String {
        switch self {
        case .e81: "E81"
        case .e81SIPD: "RENJA"
        case .actionPlan: "RA"
        case .flatLAKIP: "IK"
        }
    }

    /// Where the header block starts and which layout it is; `nil` when no layout matches.
    static func recognize(_ sheet: ReportSheet) -> (layout: ExportLayout, headerIndex: Int)? {
        for (index, row) in sheet.rows.enumerated() {
            let cells = row.cells.map(looseText)
            if cells.contains(where: { $0.contains("realisasi kinerja pada triwulan") }) {
                // Volume / Satuan sub-columns under K are the SIPD form.
                let block = sheet.rows[index..<min(sheet.rows.count, index + 6)]
                let sipd = block.contains { $0.cells.contains { looseText($0) == "volume" } }
                return (sipd ? .e81SIPD : .e81, index)
            }
            if cells.contains(where: { $0.contains("target kegiatan per triwulan") })
                && cells.contains(where: { $0.contains("realisasi kegiatan per triwulan") }) {
                return (.actionPlan, index)
            }
            if cells.contains("indikator") && cells.contains("capaian tahun ini") && cells.contains("target") {
                return (.flatLAKIP, index)
            }
        }
        return nil
    }
}
