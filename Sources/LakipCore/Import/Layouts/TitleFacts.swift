/// The year of a sheet: `--tahun`, a title row, or (with a peringatan) a header label.
enum ImportYear {
    static let missing = RowProblem(code: "tahun-tidak-diketahui",
                                    message: "tahun laporan tidak tertulis di judul ekspor; sebutkan dengan --tahun, mis. --tahun 2025")

    static func decide(context: SheetContext, titles: [ReportSheet.Row], header: [ReportSheet.Row],
                       result: inout ImportedSheet) -> Int? {
        if let year = context.year { return year }
        for row in titles {
            for cell in row.cells {
                for part in MeasuredValue.lines(cell) {
                    if let year = SheetContext.yearMentioned(in: part) {
                        result.remark(row.line, file: context.file, level: .info, code: "tahun-dari-judul", indicator: "",
                                      "tahun \(year) dibaca dari judul ekspor.")
                        return year
                    }
                }
            }
        }
        for row in header {
            for cell in row.cells {
                if let year = SheetContext.yearMentioned(in: cell) {
                    result.remark(row.line, file: context.file, level: .warning, code: "tahun-dari-judul-kolom", indicator: "",
                                  "tahun \(year) diambil dari judul kolom ('\(looseText(cell))'), bukan dari judul laporan; "
                                      + "periksa, atau sebutkan dengan --tahun.")
                    return year
                }
            }
        }
        return nil
    }
}

/// The OPD a sheet's title rows name, and the code printed before the name, if any.
enum ImportAgency {
    static func fromTitles(_ rows: [ReportSheet.Row]) -> (code: String?, name: String?) {
        for row in rows {
            for cell in row.cells {
                for part in MeasuredValue.lines(cell) {
                    var text = part
                    for prefix in ["renja perangkat daerah ", "unit : ", "unit: ", "perangkat daerah : "]
                    where looseText(text).hasPrefix(prefix) {
                        text = String(text.dropFirst(prefix.count))
                    }
                    // wp-sipd prints "<kode_skpd> <nama_skpd>".
                    let words = text.split(separator: " ", maxSplits: 1).map(String.init)
                    if words.count == 2, words[0].filter({ $0 == "." }).count >= 3,
                       words[0].allSatisfy({ $0.isNumber || $0 == "." }) {
                        return (words[0], words[1])
                    }
                    if SheetContext.looksLikeAgencyName(text) { return (nil, text) }
                }
            }
        }
        return (nil, nil)
    }
}
