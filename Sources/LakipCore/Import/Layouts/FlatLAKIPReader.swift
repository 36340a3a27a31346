/// Reads the flat LAKIP table of E-Sakip: title and "Unit / Tahun / Status" rows, then one
/// header row; every cell text, "-" for empty; one indicator per row with its yearly value.
struct FlatLAKIPReader {
    func read(_ sheet: ReportSheet, headerIndex: Int, context: inout SheetContext, into result: inout ImportedSheet) {
        let file = context.file
        let titleRows = Array(sheet.rows[..<headerIndex])
        for row in titleRows { result.structure(row, file: file, row.isBlank ? "baris kosong" : "judul laporan") }
        let headerRow = sheet.rows[headerIndex]
        result.structure(headerRow, file: file, "judul kolom")
        var columns: [String: Int] = [:]
        for (index, cell) in headerRow.cells.enumerated() where columns[looseText(cell)] == nil { columns[looseText(cell)] = index }
        func column(_ name: String) -> Int { columns[name] ?? -1 }
        let rows = sheet.rows[(headerIndex + 1)...]
        let title = ImportAgency.fromTitles(titleRows)
        var sheetYear: Int?
        if context.year == nil {
            sheetYear = ImportYear.decide(context: context, titles: titleRows, header: [], result: &result)
        }
        var agencies: [String: (code: String, name: String)] = [:]
        var sasaran = ""
        for row in rows {
            if row.isBlank { result.structure(row, file: file, "baris kosong"); continue }
            let name = dash(row[column("indikator")])
            guard !name.isEmpty else { result.structure(row, file: file, "baris tanpa indikator"); continue }
            let sasaranCell = row[column("sasaran")]
            if !sasaranCell.isEmpty { sasaran = dash(sasaranCell) }
            do {
                let rowYear = Int(dash(row[column("tahun")])).flatMap { (1900...2200).contains($0) ? $0 : nil }
                guard let year = context.year ?? rowYear ?? sheetYear else {
                    throw ImportYear.missing
                }
                let opdName = columns["opd"].map { dash(row[$0]) } ?? (title.name ?? "")
                let agency: (code: String, name: String)
                if let known = agencies[opdName] { agency = known } else {
                    agency = context.agency(name: opdName, printedCode: title.code, line: row.line, sheet: &result)
                    agencies[opdName] = agency
                }
                let target = try context.value(dash(row[column("target")]), column: "TARGET", line: row.line)
                let actual = try context.value(dash(row[column("capaian tahun ini")]), column: "CAPAIAN TAHUN INI", line: row.line)
                let shown = try context.value(dash(row[column("capaian (%)")]), column: "CAPAIAN (%)", line: row.line)
                let base = "\(ExportLayout.flatLAKIP.codePrefix)-\(String(format: "%03d", result.indicators.count + 1))"
                var indicator = ImportedIndicator(year: year, agencyCode: agency.code, agencyName: agency.name,
                                                  code: context.uniqueCode(base, agency: agency.code), name: name, line: row.line)
                indicator.objective = sasaran
                indicator.unit = dash(row[column("satuan")])
                indicator.annualTarget = target.value
                indicator.actuals[3] = actual.value
                if actual.value != nil {
                    result.remark(row.line, file: file, level: .info, code: "realisasi-tahunan", indicator: indicator.code,
                                  "tabel LAKIP hanya memuat realisasi setahun; dicatat sebagai TW4 dengan agregasi akhir, sehingga nilai tahunannya sama.")
                }
                var capaianInput: (ExactDecimal, ExactDecimal, ExactDecimal?)?
                if let value = shown.value, let goal = target.value, let real = actual.value { capaianInput = (value, goal, real) }
                PolarityInference.settle(&indicator, yearly: nil, capaian: capaianInput, hintAggregation: .last,
                                         sheet: &result, file: file)
                result.imported([indicator], from: row, file: file, "1 indikator")
            } catch {
                result.reject(row, file: file, for: error)
            }
        }
    }

    /// E-Sakip writes "-" for every empty cell.
    private func dash(_ text: String) -> String { text == "-" ? "" : text }
}
