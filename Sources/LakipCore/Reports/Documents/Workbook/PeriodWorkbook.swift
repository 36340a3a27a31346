import CLibXLSXWriter

/// The workbook of one report folder (`lakip_2025.xlsx`): a `ringkasan` sheet with the period's
/// figures and two native charts, one sheet per report table, and the run's `validasi` list.
///
/// Rows are written as the tables produce them (the per-indicator tables batch by batch), so the
/// workbook never holds a table in memory.
final class PeriodWorkbook {
    private let workbook: XLSXWorkbook
    private let context: TableContext
    private let summary: UnsafeMutablePointer<lxw_worksheet>
    /// The table sheets in workbook order, and by table file name.
    private var tableSheets: [XLSXTableSheet] = []
    private var sheets: [String: XLSXTableSheet] = [:]
    private let validation: XLSXTableSheet

    /// The charts show the OPDs ranked first when a Pemda has more than this many.
    static let chartedAgencies = 100

    /// Starts the workbook at `path` with a sheet for each of `tables` (file names, in order).
    init(path: String, temporaryFolder: String, context: TableContext, tables: [(fileName: String, header: [String])]) throws {
        self.context = context
        let title = context.period.title
        workbook = try XLSXWorkbook(path: path, temporaryFolder: temporaryFolder, title: title,
                                    large: context.dataset.indicators.count > 200_000)
        summary = try workbook.addWorksheet("ringkasan")
        worksheet_activate(summary)
        var rules = XLSXTableSheet.ColumnRules()
        let kategori = XLSXTableSheet.ColumnRules.categoryFills(context.policy.scale.labels)
        for name in ["kategori", "kategori_s1", "kategori_s2"] { rules.highlights[name] = kategori }
        for table in tables {
            let name = String(table.fileName.dropLast(".csv".count))
            let sheet = try XLSXTableSheet(workbook, name: name, header: table.header, title: title, rules: rules)
            tableSheets.append(sheet)
            sheets[table.fileName] = sheet
        }
        var validationRules = XLSXTableSheet.ColumnRules()
        validationRules.highlights["tingkat"] = [
            (text: Severity.error.rawValue, style: .fill(background: 0xF4C7C3, text: 0x7A1F17)),
            (text: Severity.warning.rawValue, style: .fill(background: 0xFCE8B2, text: 0x5C4400)),
        ]
        validation = try XLSXTableSheet(workbook, name: "validasi", header: ValidationTable.header, title: title,
                                        rules: validationRules)
    }

    /// Appends rows to the sheet of the table `fileName`.
    func append<Rows: Sequence<[ReportCell]>>(_ rows: Rows, toTable fileName: String) throws {
        guard let sheet = sheets[fileName] else { return }
        for row in rows { try sheet.append(row) }
    }

    /// Writes the `ringkasan` and `validasi` sheets and the file.
    func finish(_ results: PeriodResults, periods: [ReportPeriod]) throws {
        try ValidationTable.forEachRow(context.dataset.issues, policy: context.policy, periods: periods) {
            try validation.append($0)
        }
        try writeSummary(results)
        // In workbook order: the highlight formats are numbered as they are first used.
        for sheet in tableSheets { sheet.finish() }
        validation.finish()
        try workbook.close()
    }

    // MARK: - ringkasan

    private func writeSummary(_ results: PeriodResults) throws {
        let period = context.period, policy = context.policy, total = results.total
        var row: lxw_row_t = 0
        func line(_ label: String, _ value: ReportCell) throws {
            try text(label, row: row, column: 0)
            switch value {
            case .integer(let count):
                try workbook.check(worksheet_write_number(summary, row, 1, Double(count), workbook.format(.count)))
            case .achievement(let share):
                try workbook.check(worksheet_write_number(summary, row, 1, Double(share.hundredths) / 100,
                                                          workbook.format(.achievement)))
            case .empty:
                try text("–", row: row, column: 1)
            default:
                try text(value.plainText, row: row, column: 1)
            }
            row += 1
        }
        try text(period.title, row: row, column: 0, style: .title)
        row += 2
        try text("Ukuran", row: row, column: 0, style: .header)
        try text("Nilai", row: row, column: 1, style: .header)
        row += 1
        try line("Periode data", .text(period.isCompleteYear ? "TW1–TW4" : "TW1–\(period.through.label) (s.d. TW \(period.through.roman))"))
        try line("Polaritas negatif", .text(policy.negativeFormula.sentence))
        try line("Skala kategori", .text(policy.scale.sentence))
        try line("Perangkat Daerah", .integer(results.ranking.count))
        try line("Indikator kinerja", .integer(total.indicatorCount))
        try line("Indikator terukur", .integer(total.measuredCount))
        try line("Rata-rata capaian (%)", ReportCell(total.meanAchievement))
        for (label, count) in zip(policy.scale.labels, total.categoryCounts) {
            try line("Indikator kategori \(label)", .integer(count))
        }
        try line("Indikator dengan capaian ≥ 100 (%)", ReportCell(total.atLeastHundredShare))
        try line("Kelengkapan data (%)", ReportCell(total.completeness))
        worksheet_set_column(summary, 0, 0, 40, nil)
        worksheet_set_column(summary, 1, 1, 70, nil)
        worksheet_set_landscape(summary)
        worksheet_set_paper(summary, 9)
        worksheet_fit_to_pages(summary, 1, 0)
        try workbook.check(worksheet_set_footer(summary, "&L&A&RHalaman &P dari &N"))
        let opdCharts = try insertPemdaChart(results, below: row + 1)
        // After a chart of the Pemda the OPD charts start a printed page of their own.
        try insertCharts(results, below: opdCharts, pageBreaks: opdCharts == row + 1 ? [] : [opdCharts])
    }

    private func text(_ text: String, row: lxw_row_t, column: lxw_col_t, style: XLSXWorkbook.Style = .text) throws {
        let cleaned = XLSXWorkbook.cellText(text)
        try workbook.check(cleaned.withCString { worksheet_write_string(summary, row, column, $0, workbook.format(style)) })
    }

    /// Two bar charts drawn from the `rekap_opd` sheet: each OPD's mean capaian (bars in the
    /// colour of its kategori) and its indicators per kategori (stacked).
    private func insertCharts(_ results: PeriodResults, below row: lxw_row_t, pageBreaks: [lxw_row_t] = []) throws {
        guard let ranking = sheets[AgencyRankingTable.fileName], !results.ranking.isEmpty else { return }
        let header = ranking.header
        guard let nameColumn = header.firstIndex(of: "nama_opd"),
              let meanColumn = header.firstIndex(of: "rata_rata_capaian") else { return }
        let labels = context.policy.scale.labels
        let countColumns = context.categoryColumns.compactMap { header.firstIndex(of: $0) }
        let charted = min(results.ranking.count, Self.chartedAgencies)
        let lastRow = lxw_row_t(charted)
        let sheetName = ranking.name
        let suffix = charted < results.ranking.count
            ? " (\(charted) peringkat teratas dari \(results.ranking.count) OPD)" : ""
        // 480 × 288 pixels by default; about 18 pixels a bar, never less than the default.
        var options = lxw_chart_options()
        options.x_scale = 1.9
        options.y_scale = max(1, Double(charted * 18 + 90) / 288)

        let means = try workbook.addChart(LXW_CHART_BAR)
        // "Capaian s.d. TW II" → "Rata-rata capaian s.d. TW II per OPD (%)".
        let headline = context.period.headlineName
        ("Rata-rata " + headline.prefix(1).lowercased() + headline.dropFirst() + " per OPD (%)" + suffix).withCString {
            chart_title_set_name(means, $0)
        }
        let series = chart_add_series(means, nil, nil)
        sheetName.withCString { name in
            chart_series_set_categories(series, name, 1, lxw_col_t(nameColumn), lastRow, lxw_col_t(nameColumn))
            chart_series_set_values(series, name, 1, lxw_col_t(meanColumn), lastRow, lxw_col_t(meanColumn))
        }
        chart_series_set_labels(series)
        chart_series_set_labels_num_format(series, "0.00")
        try colourBars(series, results: results, charted: charted)
        chart_legend_set_position(means, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        // In a bar chart libxlsxwriter's y axis is the categories (the OPDs, rank 1 at the top)
        // and its x axis the values.
        chart_axis_set_reverse(means.pointee.y_axis)
        chart_axis_set_min(means.pointee.x_axis, 0)
        try workbook.check(worksheet_insert_chart_opt(summary, row, 0, means, &options))

        let counts = try workbook.addChart(LXW_CHART_BAR_STACKED)
        ("Jumlah indikator per kategori per OPD" + suffix).withCString { chart_title_set_name(counts, $0) }
        for (band, column) in countColumns.enumerated() where band < labels.count {
            let series = chart_add_series(counts, nil, nil)
            sheetName.withCString { name in
                chart_series_set_categories(series, name, 1, lxw_col_t(nameColumn), lastRow, lxw_col_t(nameColumn))
                chart_series_set_values(series, name, 1, lxw_col_t(column), lastRow, lxw_col_t(column))
            }
            labels[band].withCString { chart_series_set_name(series, $0) }
            var fill = lxw_chart_fill()
            fill.color = CategoryPalette.colour(band: band, of: labels.count)
            chart_series_set_fill(series, &fill)
        }
        chart_legend_set_position(counts, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        chart_axis_set_reverse(counts.pointee.y_axis)
        // The second chart starts a printed page of its own, not cut across two.
        let secondRow = row + max(lxw_row_t((Double(charted * 18 + 90) / 20).rounded(.up)) + 2, 17)
        var breaks: [lxw_row_t] = pageBreaks + [secondRow, 0]
        try workbook.check(worksheet_set_h_pagebreaks(summary, &breaks))
        try workbook.check(worksheet_insert_chart_opt(summary, secondRow, 0, counts, &options))
    }

    /// With several Pemda (SPEC §8): each Pemda's mean capaian, read from the `rekap_pemda`
    /// sheet, on a printed page of its own before the OPD charts.
    ///
    /// - Returns: the row below it, where the OPD charts start; `row` when there is no chart.
    private func insertPemdaChart(_ results: PeriodResults, below row: lxw_row_t) throws -> lxw_row_t {
        guard results.pemdaRanking.count > 1, let ranking = sheets[PemdaRankingTable.fileName],
              let nameColumn = ranking.header.firstIndex(of: "nama_pemda"),
              let meanColumn = ranking.header.firstIndex(of: "rata_rata_capaian") else { return row }
        let charted = min(results.pemdaRanking.count, Self.chartedAgencies)
        var options = lxw_chart_options()
        options.x_scale = 1.9
        options.y_scale = max(1, Double(charted * 18 + 90) / 288)
        let chart = try workbook.addChart(LXW_CHART_BAR)
        let suffix = charted < results.pemdaRanking.count ? " (\(charted) peringkat teratas dari \(results.pemdaRanking.count))" : ""
        ("Rata-rata capaian per Pemerintah Daerah (%)" + suffix).withCString { chart_title_set_name(chart, $0) }
        let series = chart_add_series(chart, nil, nil)
        ranking.name.withCString { name in
            chart_series_set_categories(series, name, 1, lxw_col_t(nameColumn), lxw_row_t(charted), lxw_col_t(nameColumn))
            chart_series_set_values(series, name, 1, lxw_col_t(meanColumn), lxw_row_t(charted), lxw_col_t(meanColumn))
        }
        chart_series_set_labels(series)
        chart_series_set_labels_num_format(series, "0.00")
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        chart_axis_set_reverse(chart.pointee.y_axis)
        chart_axis_set_min(chart.pointee.x_axis, 0)
        try workbook.check(worksheet_insert_chart_opt(summary, row, 0, chart, &options))
        return row + max(lxw_row_t((Double(charted * 18 + 90) / 20).rounded(.up)) + 2, 17)
    }

    /// Each bar in the colour of its OPD's kategori (grey when it has no capaian).
    private func colourBars(_ series: UnsafeMutablePointer<lxw_chart_series>?, results: PeriodResults, charted: Int) throws {
        let scale = context.policy.scale
        let fills = UnsafeMutablePointer<lxw_chart_fill>.allocate(capacity: charted)
        let points = UnsafeMutablePointer<lxw_chart_point>.allocate(capacity: charted)
        var list = [UnsafeMutablePointer<lxw_chart_point>?](repeating: nil, count: charted + 1)
        defer {
            fills.deallocate()
            points.deallocate()
        }
        for (index, agency) in results.ranking.prefix(charted).enumerated() {
            var fill = lxw_chart_fill()
            fill.color = agency.meanAchievement.map {
                CategoryPalette.colour(band: scale.bandIndex(of: $0), of: scale.labelCount)
            } ?? CategoryPalette.unmeasured
            (fills + index).initialize(to: fill)
            var point = lxw_chart_point()
            point.fill = fills + index
            (points + index).initialize(to: point)
            list[index] = points + index
        }
        try workbook.check(list.withUnsafeMutableBufferPointer { chart_series_set_points(series, $0.baseAddress) })
    }
}
