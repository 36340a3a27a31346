import CLibXLSXWriter

/// `opd/<kode_opd>.xlsx`: one OPD's document (``AgencyDocument``) as a workbook, for the office
/// that edits its report in a spreadsheet: a `sampul` sheet with the cover and the signature
/// block, then one sheet per table of the HTML document, and the OPD's own problems last.
///
/// Renders the same ``AgencyDocument`` values as the HTML and Markdown, so the three agree.
enum AgencyWorkbook {
    static func write(_ document: AgencyDocument, path: String, temporaryFolder: String) throws {
        let results = document.results, agency = document.agency
        let title = "\(document.period.title) — \(agency.name)"
        let workbook = try XLSXWorkbook(path: path, temporaryFolder: temporaryFolder, title: title, large: false)
        let cover = try workbook.addWorksheet("sampul")
        worksheet_activate(cover)

        var rules = XLSXTableSheet.ColumnRules()
        rules.plainIntegers = ["No", "Baris", "Tahun akhir Renstra"]
        let kategori = XLSXTableSheet.ColumnRules.categoryFills(results.policy.scale.labels)
        for name in ["Kategori", "Kategori S1", "Kategori S2"] { rules.highlights[name] = kategori }

        // A. The measurement table: each sasaran's row with its roll-up, its indicators under it.
        let measurement = try XLSXTableSheet(workbook, name: "pengukuran",
                                             header: document.measurementHeader + ["Analisis / kendala", "Penanggung jawab"],
                                             title: title, rules: rules)
        let width = measurement.header.count
        let category = document.measurementHeader.firstIndex(of: "Kategori")!
        for group in document.groups {
            let mean = group.summary?.meanAchievement
            var row = [ReportCell](repeating: .empty, count: width)
            row[1] = .text(document.objectiveLine(group, mean: false))
            row[category - 1] = ReportCell(mean)
            row[category] = ReportCell(text: mean.map { results.policy.scale.category(of: $0) })
            try measurement.append(row)
            for result in group.indicators {
                let words = document.latestWords(result)
                try measurement.append(document.measurementRow(result)
                    + [ReportCell(text: words.map { "\($0.quarter.label): \($0.text)" }), ReportCell(text: document.responsible(result))])
            }
        }
        measurement.finish()

        // B. The quarters so far, then the OPD's words per quarter.
        try table(workbook, "triwulan", document.quarterHeader, agency.indicators.map(document.quarterRow), title, rules)
        let withWords = document.indicatorsWithWords
        if !withWords.isEmpty {
            try table(workbook, "analisis_kendala", document.wordsHeader, withWords.map(document.wordsRow), title, rules)
        }
        // C. The semesters; D. the Bab III analysis of the year.
        if document.semesterCount > 0 {
            try table(workbook, "semester", document.semesterHeader, agency.indicators.map(document.semesterRow), title, rules)
        }
        for analysis in document.analysis {
            try table(workbook, analysis.sheet, analysis.header, analysis.rows, title, rules)
        }
        var problemRules = XLSXTableSheet.ColumnRules()
        problemRules.plainIntegers = ["Baris"]
        problemRules.highlights["Tingkat"] = [
            (text: Severity.error.rawValue, style: .fill(background: 0xF4C7C3, text: 0x7A1F17)),
            (text: Severity.warning.rawValue, style: .fill(background: 0xFCE8B2, text: 0x5C4400)),
        ]
        var problemRows = document.problems.shown.map(AgencyProblems.row)
        if document.problems.omitted > 0 {
            problemRows.append([.empty, .empty, .empty, .empty, .empty, .text(AgencyProblems.omittedSentence(document.problems.omitted))])
        }
        try table(workbook, "validasi", AgencyProblems.header, problemRows, title, problemRules)

        try writeCover(document, into: cover, workbook: workbook)
        try workbook.close()
    }

    private static func table(_ workbook: XLSXWorkbook, _ name: String, _ header: [String], _ rows: [[ReportCell]],
                              _ title: String, _ rules: XLSXTableSheet.ColumnRules) throws {
        let sheet = try XLSXTableSheet(workbook, name: name, header: header, title: title, rules: rules)
        for row in rows { try sheet.append(row) }
        sheet.finish()
    }

    /// The cover: the document's title, the OPD, the period and policy, its roll-up, and the
    /// signature block from `opd.csv` and `--tanggal` (dotted lines where they are not given).
    private static func writeCover(_ document: AgencyDocument, into sheet: UnsafeMutablePointer<lxw_worksheet>,
                                   workbook: XLSXWorkbook) throws {
        let results = document.results, agency = document.agency, summary = agency.summary
        var row: lxw_row_t = 0
        func write(_ text: String, column: lxw_col_t = 0, style: XLSXWorkbook.Style = .text) throws {
            let cleaned = XLSXWorkbook.cellText(text)
            try workbook.check(cleaned.withCString { worksheet_write_string(sheet, row, column, $0, workbook.format(style)) })
        }
        func line(_ label: String, _ value: String) throws {
            try write(label)
            try write(value, column: 1)
            row += 1
        }
        try write("LAPORAN KINERJA PERANGKAT DAERAH")
        row += 1
        try write(agency.name, style: .title)
        row += 2
        if let pemda = agency.pemdaName { try line("Pemerintah daerah", pemda) }
        try line("Kode OPD", agency.code)
        try line("Periode", document.periodName)
        try line("Polaritas negatif", results.policy.negativeFormula.sentence)
        try line("Skala kategori", results.policy.scale.sentence)
        try line("Peringkat", "\(agency.rank) dari \(results.ranking.count) Perangkat Daerah")
        try line("Indikator terukur", "\(summary.measuredCount) dari \(summary.indicatorCount)")
        try line("Rata-rata capaian (%)", summary.meanAchievement.map { ReportCell.indonesian($0.description) } ?? "–")
        row += 2
        let signature = document.signature
        for (index, text) in [signature.date, signature.title, "", "", "", signature.name, signature.id].enumerated() {
            if !text.isEmpty { try write(text, column: 1, style: index == 5 && signature.named ? .header : .text) }
            row += 1
        }
        worksheet_set_column(sheet, 0, 0, 28, nil)
        worksheet_set_column(sheet, 1, 1, 70, nil)
        worksheet_set_paper(sheet, 9)
        worksheet_fit_to_pages(sheet, 1, 0)
    }
}
