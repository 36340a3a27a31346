extension AgencyDocument {
    /// `opd/<kode_opd>.html`: one self-contained page in the style of `laporan.html`, printed on
    /// A4 landscape with table headers repeated on each page.
    func html() -> String {
        // For its cells and charts only: given this OPD, the report does not group every
        // indicator of the period by OPD again for each document.
        let report = HTMLReport(results: results, agencies: [agency])
        let escape = HTMLReport.escape
        var page = "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<meta name=\"generator\" content=\"lakip\">\n"
        page += "<title>\(escape(period.title)) — \(escape(agency.name))</title>\n"
        page += "<style>\n\(HTMLReport.styleSheet)</style>\n</head>\n<body>\n"
        page += "<header class=\"sampul\">\n<p class=\"bab-label\">LAPORAN KINERJA PERANGKAT DAERAH"
            + (agency.pemdaName.map { " · " + escape($0.uppercased()) } ?? "") + "</p>\n"
        page += "<h1>\(escape(agency.name))</h1>\n"
        page += "<p class=\"kebijakan\">Kode OPD \(escape(agency.code)) · \(escape(periodName)) · peringkat \(agency.rank) dari "
            + "\(results.ranking.count) Perangkat Daerah</p>\n"
        page += "<p class=\"kebijakan\">Polaritas negatif: \(escape(results.policy.negativeFormula.sentence)) · Skala kategori: "
            + "\(escape(results.policy.scale.sentence))</p>\n</header>\n"

        page += "<section class=\"bab\">\n<h2>A. Tabel Pengukuran Kinerja</h2>\n<table class=\"pengukuran\">\n"
        page += "<thead><tr>" + measurementHeader.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n"
        let columns = measurementHeader.count
        for group in groups {
            let mean = group.summary?.meanAchievement
            let shared = group.responsible.map { " · Penanggung jawab: " + $0 } ?? ""
            page += "<tbody><tr class=\"sasaran\"><td colspan=\"5\">\(escape(objectiveLine(group, mean: false) + shared))</td>"
                + report.achievementCell(mean)
                + report.categoryCell(mean, label: mean.map { results.policy.scale.category(of: $0) })
                + "<td colspan=\"\(columns - 7)\"></td></tr></tbody>\n"
            for result in group.indicators {
                // An indicator and the OPD's words on it are one block, never split across pages.
                page += "<tbody class=\"indikator\">" + row(measurementRow(result), report: report, result: result)
                if let line = wordsLine(result, in: group) {
                    page += "<tr class=\"analisis\"><td></td><td colspan=\"\(columns - 1)\">"
                        + [line.analysis, line.responsible].compactMap { $0 }.map(escape).joined(separator: " · ") + "</td></tr>"
                }
                page += "</tbody>\n"
            }
        }
        page += "</table>\n</section>\n"

        page += "<section class=\"bab\">\n<h2>B. Capaian per Triwulan</h2>\n"
        page += table(header: quarterHeader, rows: agency.indicators.map(quarterRow))
        let withWords = indicatorsWithWords
        if !withWords.isEmpty {
            page += "<h4>Analisis / kendala per triwulan</h4>\n<p class=\"legenda\">Keterangan realisasi sebagaimana "
                + "ditulis OPD pada data realisasinya.</p>\n"
            page += table(header: wordsHeader, rows: withWords.map(wordsRow))
        }
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
        letter = Character(UnicodeScalar(letter.unicodeScalars.first!.value + 1)!)
        page += "<section class=\"bab\">\n<h2>\(letter). Catatan Validasi Data</h2>\n"
        if problems.isEmpty {
            page += "<p class=\"lengkap\">Tidak ada galat atau peringatan pada baris data OPD ini.</p>\n"
        } else {
            page += "<p class=\"legenda\">Galat dan peringatan dari validasi.csv pada baris data OPD ini; perbaiki datanya lalu "
                + "jalankan ulang.</p>\n"
            page += table(header: AgencyProblems.header, rows: problems.shown.map(AgencyProblems.row))
            if problems.omitted > 0 { page += "<p>\(escape(AgencyProblems.omittedSentence(problems.omitted)))</p>\n" }
        }
        page += "</section>\n"
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
                html += report.categoryCell(headline.achievement, label: headline.category(in: results.policy.scale))
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
        if let pemda = agency.pemdaName { text += "\(inline(pemda))\n\n" }
        text += "Kode OPD \(inline(agency.code)) · \(inline(periodName)) · peringkat \(agency.rank) dari "
            + "\(results.ranking.count) Perangkat Daerah. Polaritas negatif: \(results.policy.negativeFormula.sentence).\n\n"
        text += "## A. Tabel Pengukuran Kinerja\n\n"
        let numeric = [true, false, false, true, true, true, false] + (period.isCompleteYear ? [] : [true, true]) + [false]
        for group in groups {
            text += "### \(inline(objectiveLine(group, mean: true)))\n\n"
            if let person = group.responsible { text += "Penanggung jawab: \(inline(person))\n\n" }
            text += MarkdownReport.table(header: measurementHeader, alignments: numeric, rows: group.indicators.map(measurementRow))
            let lines = group.indicators.compactMap { result in
                wordsLine(result, in: group).map { line in
                    "- \(result.number). \(inline(results.text(result.indicator.name))): "
                        + [line.analysis, line.responsible].compactMap { $0 }.map(inline).joined(separator: " · ")
                }
            }
            if !lines.isEmpty { text += lines.joined(separator: "\n") + "\n\n" }
        }
        text += "## B. Capaian per Triwulan\n\n"
        text += MarkdownReport.table(header: quarterHeader, alignments: quarterHeader.indices.map { $0 != 1 },
                                     rows: agency.indicators.map(quarterRow))
        let withWords = indicatorsWithWords
        if !withWords.isEmpty {
            text += "### Analisis / kendala per triwulan\n\n"
            text += MarkdownReport.table(header: wordsHeader, alignments: wordsHeader.indices.map { $0 == 0 },
                                         rows: withWords.map(wordsRow))
        }
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
        let problemsLetter = ["C", "D", "E"][(semesterCount > 0 ? 1 : 0) + (analysis.isEmpty ? 0 : 1)]
        text += "## \(problemsLetter). Catatan Validasi Data\n\n"
        if problems.isEmpty {
            text += "Tidak ada galat atau peringatan pada baris data OPD ini.\n\n"
        } else {
            text += MarkdownReport.table(header: AgencyProblems.header,
                                         alignments: AgencyProblems.header.map { $0 == "Baris" },
                                         rows: problems.shown.map(AgencyProblems.row))
            if problems.omitted > 0 { text += inline(AgencyProblems.omittedSentence(problems.omitted)) + "\n\n" }
        }
        let signature = self.signature
        let name = signature.named ? "**\(inline(signature.name))**" : inline(signature.name)
        text += "---\n\n" + [inline(signature.date), inline(signature.title), "", "", name, inline(signature.id)]
            .joined(separator: "  \n") + "\n"
        return text
    }
}
