extension AgencyDocument {
    /// `opd/<kode_opd>.html`: one self-contained page in the style of `laporan.html`, printed on
    /// A4 landscape with table headers repeated on each page.
    func html() -> String {
        let report = HTMLReport(results: results)
        let escape = HTMLReport.escape
        var page = "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<meta name=\"generator\" content=\"lakip\">\n"
        page += "<title>\(escape(period.title)) — \(escape(agency.name))</title>\n"
        page += "<style>\n\(HTMLReport.styleSheet)</style>\n</head>\n<body>\n"
        page += "<header class=\"sampul\">\n<p class=\"bab-label\">LAPORAN KINERJA PERANGKAT DAERAH</p>\n"
        page += "<h1>\(escape(agency.name))</h1>\n"
        page += "<p class=\"kebijakan\">Kode OPD \(escape(agency.code)) · \(escape(periodName)) · peringkat \(agency.rank) dari "
            + "\(results.ranking.count) Perangkat Daerah</p>\n"
        page += "<p class=\"kebijakan\">Polaritas negatif: \(escape(results.policy.negativeFormula.sentence)) · Skala kategori: "
            + "\(escape(results.policy.scale.sentence))</p>\n</header>\n"

        page += "<section class=\"bab\">\n<h2>A. Tabel Pengukuran Kinerja</h2>\n<table class=\"pengukuran\">\n"
        page += "<thead><tr>" + measurementHeader.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        let columns = measurementHeader.count
        for group in groups {
            let mean = group.summary?.meanAchievement
            page += "<tr class=\"sasaran\"><td colspan=\"5\">\(escape(objectiveLine(group, mean: false)))</td>"
                + report.achievementCell(mean)
                + report.categoryCell(mean, label: mean.map { results.policy.scale.category(of: $0) })
                + "<td colspan=\"\(columns - 7)\"></td></tr>\n"
            for result in group.indicators {
                page += row(measurementRow(result), report: report, result: result)
            }
        }
        page += "</tbody>\n</table>\n</section>\n"

        page += "<section class=\"bab\">\n<h2>B. Capaian per Triwulan</h2>\n"
        page += table(header: quarterHeader, rows: agency.indicators.map(quarterRow))
        page += "</section>\n"
        if semesterCount > 0 {
            page += "<section class=\"bab\">\n<h2>C. Capaian Semester</h2>\n"
            page += table(header: semesterHeader, rows: agency.indicators.map(semesterRow))
            page += "</section>\n"
        }
        var letter = Character(semesterCount > 0 ? "D" : "C")
        let analysis = self.analysis
        if !analysis.isEmpty {
            page += "<section class=\"bab\">\n<h2>\(letter). Analisis Capaian Kinerja</h2>\n"
            for table in analysis {
                page += "<h4>\(escape(table.title))</h4>\n<p class=\"legenda\">\(escape(table.note))</p>\n"
                page += self.table(header: table.header, rows: table.rows)
            }
            page += "</section>\n"
            letter = Character(UnicodeScalar(letter.unicodeScalars.first!.value + 1)!)
        }
        page += "<section class=\"bab\">\n<h2>\(letter). Realisasi Triwulanan terhadap Target</h2>\n"
            + "<div class=\"kecil-majemuk\">\n"
        for result in agency.indicators { page += report.quarterChart(result) }
        page += "</div>\n</section>\n"
        let signature = self.signature
        page += "<div class=\"tanda-tangan\"><p>\(escape(signature.date))</p><p>\(escape(signature.title))</p>"
            + "<div class=\"ruang\"></div><p class=\"\(signature.named ? "nama" : "isian")\">\(escape(signature.name))</p>"
            + "<p>\(escape(signature.id))</p></div>\n"
        page += "<footer>Dibuat oleh lakip dari ekspor CSV target dan realisasi. Capaian dihitung dengan nilai eksak dan "
            + "dibulatkan setengah ke atas ke dua desimal; sel kosong berarti belum ada nilai, bukan 0.</footer>\n"
        return page + "</body>\n</html>\n"
    }

    /// A measurement row: the kategori cell in its colour, numbers right-aligned.
    private func row(_ cells: [ReportCell], report: HTMLReport, result: IndicatorResult) -> String {
        let headline = result.evaluation.headline
        // The kategori and keterangan columns, by name: the quarterly columns shift them.
        let category = measurementHeader.firstIndex(of: "Kategori"), notes = measurementHeader.count - 1
        var html = "<tr>"
        for (column, cell) in cells.enumerated() {
            if column == category {
                html += report.categoryCell(headline.achievement, label: headline.category)
            } else if column == notes {
                html += "<td class=\"catatan\">\(HTMLReport.escape(cell.plainText))</td>"
            } else {
                html += cellHTML(cell)
            }
        }
        return html + "</tr>\n"
    }

    private func table(header: [String], rows: [[ReportCell]]) -> String {
        var html = "<table class=\"pengukuran\">\n<thead><tr>" + header.map { "<th>\(HTMLReport.escape($0))</th>" }.joined()
            + "</tr></thead>\n<tbody>\n"
        for row in rows { html += "<tr>" + row.map(cellHTML).joined() + "</tr>\n" }
        return html + "</tbody>\n</table>\n"
    }

    private func cellHTML(_ cell: ReportCell) -> String {
        switch cell {
        case .text(let text): "<td>\(HTMLReport.escape(text))</td>"
        case .empty: "<td class=\"angka kosong\">–</td>"
        default: "<td class=\"angka\">\(HTMLReport.cell(cell))</td>"
        }
    }

    /// `opd/<kode_opd>.md`: the same tables as Markdown, to paste into the OPD's LKjIP.
    func markdown() -> String {
        let inline = MarkdownReport.inline
        var text = "# Laporan Kinerja \(inline(agency.name))\n\n"
        text += "Kode OPD \(inline(agency.code)) · \(inline(periodName)) · peringkat \(agency.rank) dari "
            + "\(results.ranking.count) Perangkat Daerah. Polaritas negatif: \(results.policy.negativeFormula.sentence).\n\n"
        text += "## A. Tabel Pengukuran Kinerja\n\n"
        let numeric = [true, false, false, true, true, true, false] + (period.isCompleteYear ? [] : [true, true]) + [false]
        for group in groups {
            text += "### \(inline(objectiveLine(group, mean: true)))\n\n"
            text += MarkdownReport.table(header: measurementHeader, alignments: numeric, rows: group.indicators.map(measurementRow))
        }
        text += "## B. Capaian per Triwulan\n\n"
        text += MarkdownReport.table(header: quarterHeader, alignments: quarterHeader.indices.map { $0 != 1 },
                                     rows: agency.indicators.map(quarterRow))
        if semesterCount > 0 {
            text += "## C. Capaian Semester\n\n"
            text += MarkdownReport.table(header: semesterHeader, alignments: semesterHeader.enumerated().map { index, title in
                index != 1 && !title.hasPrefix("Kategori")
            }, rows: agency.indicators.map(semesterRow))
        }
        let analysis = self.analysis
        if !analysis.isEmpty {
            text += "## \(semesterCount > 0 ? "D" : "C"). Analisis Capaian Kinerja\n\n"
            for table in analysis {
                text += "### \(inline(table.title))\n\n\(inline(table.note))\n\n"
                text += MarkdownReport.table(header: table.header, alignments: table.numeric, rows: table.rows)
            }
        }
        let signature = self.signature
        let name = signature.named ? "**\(inline(signature.name))**" : inline(signature.name)
        text += "---\n\n" + [inline(signature.date), inline(signature.title), "", "", name, inline(signature.id)]
            .joined(separator: "  \n") + "\n"
        return text
    }
}
