/// `laporan.html`: a report period's results laid out like Bab III (Akuntabilitas Kinerja) of an
/// LKjIP: the year's, or a quarter's to date.
///
/// One self-contained file: inline CSS and SVG, no script, nothing fetched, so it opens from a
/// USB stick or an e-mail attachment and prints on A4 landscape. Numbers are printed the
/// Indonesian way (decimal comma), from the same exact values as the CSV tables; the charts
/// only use binary floating point for geometry.
public struct HTMLReport {
    public var results: PeriodResults
    /// The agencies in rank order with their indicators.
    private let agencies: [PeriodResults.AgencyResult]
    /// Each OPD's own document in this folder (`opd/<kode_opd>.html`), by agency index: its name
    /// in the ranking and its section link there. Relative, so the folder can be moved whole.
    public var agencyDocuments: [Int: String] = [:]

    /// - Parameter agencies: ``PeriodResults/agencies``, when the caller already has them: they
    ///   copy every indicator's result, so a run groups them once for all its documents.
    public init(results: PeriodResults, agencies: [PeriodResults.AgencyResult]? = nil) {
        self.results = results
        self.agencies = agencies ?? results.agencies
    }

    var period: ReportPeriod { results.period }

    private static let unmeasuredColour = CategoryPalette.css(CategoryPalette.unmeasured)

    /// The whole page.
    public func html() -> String {
        var page = "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<meta name=\"generator\" content=\"lakip\">\n"
        page += "<title>\(Self.escape(period.title)) — Bab III Akuntabilitas Kinerja</title>\n"
        page += "<style>\n\(Self.styleSheet)</style>\n</head>\n<body>\n"
        page += cover()
        let comparesPemdas = results.pemdaRanking.count > 1
        if comparesPemdas { page += pemdaSection() }
        page += summarySection(letter: comparesPemdas ? "B" : "A")
        page += "<section class=\"bab\">\n<h2>\(comparesPemdas ? "C" : "B"). Capaian Kinerja per Perangkat Daerah</h2>\n"
        for (index, agency) in agencies.enumerated() {
            page += agencySection(agency, number: index + 1)
        }
        page += "</section>\n"
        page += "<footer>Dibuat oleh lakip dari ekspor CSV target dan realisasi. Capaian dihitung dengan nilai eksak dan "
            + "dibulatkan setengah ke atas ke dua desimal; sel kosong berarti belum ada nilai, bukan 0.</footer>\n"
        return page + "</body>\n</html>\n"
    }

    // MARK: - Sections

    private func cover() -> String {
        let policy = results.policy
        let formula = policy.negativeFormula.sentence
        let dataPeriod = period.isCompleteYear ? "TW1–TW4" : "TW1–\(period.through.label) (s.d. TW \(period.through.roman))"
        return """
        <header class="sampul">
        <p class="bab-label">BAB III · AKUNTABILITAS KINERJA</p>
        <h1>\(Self.escape(period.title))</h1>
        <p class="kebijakan">Periode data: \(dataPeriod) · Polaritas negatif: \(Self.escape(formula)) · Skala kategori: \
        \(Self.escape(results.policy.scale.sentence))</p>
        </header>

        """
    }

    /// With several Pemda (SPEC §8): the Pemda ranked by the rule that ranks OPDs, as a table
    /// and a chart; each Pemda's OPD ranking follows in the summary.
    private func pemdaSection() -> String {
        let dataset = results.dataset
        var html = "<section class=\"bab\">\n<h2>A. Perbandingan Pemerintah Daerah</h2>\n"
        html += "<figure class=\"grafik\"><figcaption>Rata-rata capaian per Pemerintah Daerah (%)</figcaption>\n"
            + achievementChart(results.pemdaRanking.map { (results.text(dataset.pemdas[$0.agency].name), $0) },
                               title: "Rata-rata capaian per Pemerintah Daerah") + "</figure>\n"
        html += "<table class=\"rekap\">\n<caption>Peringkat capaian kinerja Pemerintah Daerah</caption>\n"
        html += "<thead><tr><th>Peringkat</th><th>Pemerintah Daerah</th><th>Provinsi</th>" + summaryHeaders()
            + "</tr></thead>\n<tbody>\n"
        for (position, summary) in results.pemdaRanking.enumerated() {
            let pemda = dataset.pemdas[summary.agency]
            html += "<tr><td class=\"angka\">\(position + 1)</td><td>\(Self.escape(results.text(pemda.name)))"
                + "<span class=\"kode\">\(Self.escape(results.text(pemda.code)))</span></td>"
                + "<td>\(Self.escape(results.text(pemda.province)))</td>" + summaryCells(summary) + "</tr>\n"
        }
        html += "<tr class=\"total\"><td></td><td>\(Self.escape(dataset.totalLabel))</td><td></td>"
            + summaryCells(results.total) + "</tr>\n"
        return html + "</tbody>\n</table>\n</section>\n"
    }

    /// The headers of ``summaryCells(_:)``, each kategori with its colour.
    private func summaryHeaders() -> String {
        var html = "<th>Indikator</th><th>Terukur</th><th>Rata-rata capaian (%)</th>"
        for (index, label) in results.policy.scale.labels.enumerated() {
            html += "<th><span class=\"titik\" style=\"background:\(colour(band: index))\"></span>\(Self.escape(label))</th>"
        }
        return html + "<th>Capaian ≥ 100 (%)</th><th>Kelengkapan data (%)</th>"
    }

    /// Indicator, terukur, mean, kategori counts, ≥ 100 and completeness cells of a ranking row.
    private func summaryCells(_ summary: AgencySummary) -> String {
        var html = "<td class=\"angka\">\(summary.indicatorCount)</td><td class=\"angka\">\(summary.measuredCount)</td>"
            + achievementCell(summary.meanAchievement)
        for count in summary.categoryCounts { html += "<td class=\"angka\">\(count)</td>" }
        return html + "<td class=\"angka\">\(Self.decimal(summary.atLeastHundredShare?.description ?? ""))</td>"
            + "<td class=\"angka\">\(Self.decimal(summary.completeness?.description ?? ""))</td>"
    }

    private func summarySection(letter: String) -> String {
        let overall = results.total
        var html = "<section class=\"bab\">\n<h2>\(letter). Ringkasan Capaian Kinerja \(period.name)</h2>\n"
        html += "<div class=\"ringkasan\">\n"
        let tiles: [(String, String)] = [
            ("Perangkat Daerah", String(agencies.count)),
            ("Indikator kinerja", String(overall.indicatorCount)),
            ("Indikator terukur", String(overall.measuredCount)),
            ("Rata-rata capaian", overall.meanAchievement.map { Self.decimal($0.description) + " %" } ?? "–"),
            ("Capaian ≥ 100 %", overall.atLeastHundredShare.map { Self.decimal($0.description) + " %" } ?? "–"),
            ("Kelengkapan data", overall.completeness.map { Self.decimal($0.description) + " %" } ?? "–"),
        ]
        for (label, value) in tiles {
            html += "<div class=\"ubin\"><span class=\"nilai\">\(Self.escape(value))</span>"
                + "<span class=\"label\">\(Self.escape(label))</span></div>\n"
        }
        html += "</div>\n"
        html += missingReports()
        html += "<div class=\"grafik-baris\">\n"
        html += "<figure class=\"grafik\"><figcaption>Grafik 3.1 Rata-rata capaian per Perangkat Daerah (%)</figcaption>\n"
            + achievementChart(agencies.map { (chartName($0), $0.summary) }, title: "Rata-rata capaian per Perangkat Daerah")
            + "</figure>\n"
        html += "<figure class=\"grafik\"><figcaption>Grafik 3.2 Jumlah indikator per kategori capaian</figcaption>\n"
            + categoryChart() + "</figure>\n"
        html += "</div>\n"
        if results.pemdaRanking.count > 1 {
            // Each Pemda's OPDs ranked among themselves, in the Pemda's rank order.
            let grouped = results.byPemda(agencies)
            for summary in results.pemdaRanking {
                let pemda = results.dataset.pemdas[summary.agency]
                let own = grouped[summary.agency] ?? []
                html += rankingTable(own, caption: "Peringkat capaian kinerja Perangkat Daerah — " + results.text(pemda.name))
            }
        } else {
            html += rankingTable(agencies, caption: "Tabel 3.1 Peringkat capaian kinerja Perangkat Daerah")
        }
        return html + "</section>\n"
    }

    /// The OPDs that have not reported every indicator for the period's last quarter, first, so
    /// the planner sees whom to call (kelengkapan.csv has every quarter).
    private func missingReports() -> String {
        let quarter = period.through
        let late = agencies.compactMap { agency -> (PeriodResults.AgencyResult, PeriodRollups.QuarterlyCompleteness)? in
            guard let completeness = results.rollups.completeness(of: agency.agency),
                  completeness.missingCount(in: quarter) > 0 else { return nil }
            return (agency, completeness)
        }
        guard !late.isEmpty else {
            return "<p class=\"lengkap\">Semua Perangkat Daerah sudah melaporkan realisasi TW \(quarter.roman).</p>\n"
        }
        var html = "<div class=\"belum-lapor\"><p><b>Belum lengkap melaporkan realisasi TW \(quarter.roman):</b></p><ul>\n"
        for (agency, completeness) in late {
            let missing = completeness.missingCount(in: quarter)
            html += "<li>\(Self.escape(chartName(agency))): \(missing) dari \(completeness.expected) indikator ("
                + Self.escape(CompletenessTable.codes(completeness.missingCodes[quarter.index], of: missing, results)) + ")</li>\n"
        }
        return html + "</ul></div>\n"
    }

    private func rankingTable(_ agencies: [PeriodResults.AgencyResult], caption: String) -> String {
        var html = "<table class=\"rekap\">\n<caption>\(Self.escape(caption))</caption>\n"
        html += "<thead><tr><th>Peringkat</th><th>Perangkat Daerah</th>" + summaryHeaders() + "</tr></thead>\n<tbody>\n"
        for (position, agency) in agencies.enumerated() {
            html += "<tr><td class=\"angka\">\(position + 1)</td><td>\(documentLink(agency, text: agency.name))</td>"
                + summaryCells(agency.summary) + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// An OPD's name in a chart: with its Pemda when several Pemda share OPD names.
    private func chartName(_ agency: PeriodResults.AgencyResult) -> String {
        guard results.pemdaRanking.count > 1, let pemda = agency.pemdaName else { return agency.name }
        return agency.name + " — " + pemda
    }

    /// `text` linked to the OPD's own document, or plain when it has none in this folder.
    private func documentLink(_ agency: PeriodResults.AgencyResult, text: String) -> String {
        guard let path = agencyDocuments[agency.agency] else { return Self.escape(text) }
        return "<a href=\"\(Self.escape(path))\">\(Self.escape(text))</a>"
    }

    private func agencySection(_ agency: PeriodResults.AgencyResult, number: Int) -> String {
        let summary = agency.summary
        var html = "<section class=\"opd\">\n"
        let pemda = results.pemdaRanking.count > 1 ? agency.pemdaName.map { " · " + $0 } ?? "" : ""
        html += "<h3>\(number). \(Self.escape(agency.name)) <span class=\"kode\">\(Self.escape(agency.code + pemda))</span>"
            + (agencyDocuments[agency.agency] == nil ? "" : " <span class=\"dokumen\">\(documentLink(agency, text: "dokumen OPD"))</span>")
            + "</h3>\n"
        html += "<p class=\"ikhtisar\">Peringkat \(agency.rank) dari \(agencies.count) · \(summary.measuredCount) dari "
            + "\(summary.indicatorCount) indikator terukur · rata-rata capaian "
            + "\(summary.meanAchievement.map { Self.decimal($0.description) + " %" } ?? "–")</p>\n"
        html += "<table class=\"pengukuran\">\n"
        let within = period.isCompleteYear ? "tahun \(period.year)" : "triwulan \(period.through.roman) tahun \(period.year)"
        html += "<caption>Tabel pengukuran kinerja \(Self.escape(agency.name)) \(within)</caption>\n"
        // A quarterly report compares with the plan to date; progres against the PK target stands beside it.
        html += "<thead><tr><th>No</th><th>Sasaran strategis</th><th>Indikator kinerja</th><th>Satuan</th>"
            + (period.isCompleteYear ? "<th>Target</th><th>Realisasi</th>"
                : "<th>Target s.d. TW \(period.through.roman)</th><th>Realisasi s.d. TW \(period.through.roman)</th>")
            + "<th>Capaian (%)</th><th>Kategori</th>"
            + (period.isCompleteYear ? "" : "<th>Target tahunan (PK)</th><th>Progres (%)</th>")
            + "<th>Keterangan</th></tr></thead>\n<tbody>\n"
        var previousObjective: String?
        for result in agency.indicators {
            let indicator = result.indicator, headline = result.evaluation.headline
            let name = results.text(indicator.name)
            let objective = indicator.objective.isEmpty ? results.text(indicator.objectiveCode) : results.text(indicator.objective)
            let objectiveCell = objective == previousObjective ? "<td class=\"ulang\"></td>"
                : "<td>\(Self.escape(objective))</td>"
            previousObjective = objective
            html += "<tr><td class=\"angka\">\(result.number)</td>\(objectiveCell)"
                + "<td>\(Self.escape(name))<span class=\"kode\">\(Self.escape(results.text(indicator.code))) · "
                + "\(indicator.polarity.label), \(indicator.aggregation.label)</span></td>"
                + "<td>\(Self.escape(results.text(indicator.unit)))</td>"
                + "<td class=\"angka\">\(Self.cell(.target(of: headline, grades: result.grades)))</td>"
                + "<td class=\"angka\">\(Self.cell(.actual(headline.actual, grades: result.grades)))</td>"
                + achievementCell(headline.achievement) + categoryCell(headline.achievement, label: headline.category(in: results.policy.scale))
                + (period.isCompleteYear ? ""
                    : "<td class=\"angka\">\(Self.cell(.target(of: result.evaluation.year, grades: result.grades)))</td>"
                        + "<td class=\"angka\">\(Self.decimal(result.evaluation.headlineProgress.achievement?.description ?? ""))</td>")
                + "<td class=\"catatan\">\(Self.escape(result.headlineNotes ?? ""))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        html += "<h4>Realisasi triwulanan terhadap target</h4>\n"
            + "<p class=\"legenda\"><span class=\"contoh-batang\"></span>realisasi triwulan (warna: kategori capaian) · "
            + "<span class=\"contoh-target\"></span>target triwulan · <span class=\"contoh-rentang\"></span>rentang target · "
            + "<span class=\"contoh-pk\"></span>target PK (tanpa target triwulan)</p>\n"
            + "<div class=\"kecil-majemuk\">\n"
        for result in agency.indicators {
            html += quarterChart(result)
        }
        html += "</div>\n"
        return html + "</section>\n"
    }

    // MARK: - Cells

    func achievementCell(_ achievement: Achievement?) -> String {
        "<td class=\"angka capaian\">\(Self.decimal(achievement?.description ?? ""))</td>"
    }

    func categoryCell(_ achievement: Achievement?, label: String?) -> String {
        guard let achievement, let label else { return "<td class=\"kategori kosong\">–</td>" }
        let band = results.policy.scale.bandIndex(of: achievement)
        return "<td class=\"kategori\" style=\"background:\(colour(band: band));color:\(textColour(band: band))\">"
            + "\(Self.escape(label))</td>"
    }

    private func colour(band index: Int) -> String {
        CategoryPalette.css(CategoryPalette.colour(band: index, of: results.policy.scale.labelCount))
    }

    private func textColour(band index: Int) -> String {
        CategoryPalette.css(CategoryPalette.textColour(band: index, of: results.policy.scale.labelCount))
    }

    // MARK: - Charts

    /// Horizontal bars of each OPD's mean capaian, coloured by kategori, with a line at 100 %.
    private func achievementChart(_ rows: [(name: String, summary: AgencySummary)], title: String) -> String {
        let labelWidth = 250.0, barArea = 330.0, rowHeight = 24.0, top = 22.0
        let means = rows.map { $0.summary.meanAchievement.map { Double($0.hundredths) / 100 } }
        let maximum = max(120, ((means.compactMap { $0 }.max() ?? 0) / 20).rounded(.up) * 20)
        let scale = barArea / maximum
        let height = top + Double(rows.count) * rowHeight + 8
        var svg = "<svg class=\"bagan\" role=\"img\" viewBox=\"0 0 \(Self.n(labelWidth + barArea + 60)) \(Self.n(height))\" "
            + "xmlns=\"http://www.w3.org/2000/svg\"><title>\(Self.escape(title))</title>\n"
        for tick in stride(from: 0.0, through: maximum, by: 20) {
            let x = labelWidth + tick * scale
            svg += "<line x1=\"\(Self.n(x))\" y1=\"\(Self.n(top - 4))\" x2=\"\(Self.n(x))\" y2=\"\(Self.n(height - 8))\" "
                + "class=\"\(tick == 100 ? "acuan" : "kisi")\"/>"
                + "<text x=\"\(Self.n(x))\" y=\"\(Self.n(top - 8))\" class=\"sumbu\" text-anchor=\"middle\">\(Int(tick))</text>\n"
        }
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            svg += "<text x=\"\(Self.n(labelWidth - 8))\" y=\"\(Self.n(y + rowHeight * 0.62))\" text-anchor=\"end\" "
                + "class=\"label\">\(Self.escape(Self.shortened(row.name, to: 38)))<title>\(Self.escape(row.name))</title></text>"
            guard let mean = row.summary.meanAchievement, let value = means[index] else {
                svg += "<text x=\"\(Self.n(labelWidth + 4))\" y=\"\(Self.n(y + rowHeight * 0.62))\" class=\"nilai\">"
                    + "belum terukur</text>\n"
                continue
            }
            let width = max(0, min(value, maximum)) * scale
            let band = results.policy.scale.bandIndex(of: mean)
            svg += "<rect x=\"\(Self.n(labelWidth))\" y=\"\(Self.n(y + 4))\" width=\"\(Self.n(width))\" "
                + "height=\"\(Self.n(rowHeight - 8))\" fill=\"\(colour(band: band))\"/>"
                + "<text x=\"\(Self.n(labelWidth + width + 4))\" y=\"\(Self.n(y + rowHeight * 0.62))\" class=\"nilai\">"
                + "\(Self.decimal(mean.description))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// One stacked bar per OPD: its indicators by kategori, then those not yet measured.
    private func categoryChart() -> String {
        let labels = results.policy.scale.labels
        let labelWidth = 250.0, barArea = 330.0, rowHeight = 24.0, legendHeight = 22.0
        let most = Double(max(agencies.map(\.summary.indicatorCount).max() ?? 1, 1))
        let scale = barArea / most
        let height = legendHeight + Double(agencies.count) * rowHeight + 8
        var svg = "<svg class=\"bagan\" role=\"img\" viewBox=\"0 0 \(Self.n(labelWidth + barArea + 60)) \(Self.n(height))\" "
            + "xmlns=\"http://www.w3.org/2000/svg\"><title>Jumlah indikator per kategori capaian</title>\n"
        var legendX = 8.0
        for (index, label) in (labels + ["Belum terukur"]).enumerated() {
            let fill = index < labels.count ? colour(band: index) : Self.unmeasuredColour
            svg += "<rect x=\"\(Self.n(legendX))\" y=\"4\" width=\"10\" height=\"10\" fill=\"\(fill)\"/>"
                + "<text x=\"\(Self.n(legendX + 14))\" y=\"13\" class=\"sumbu\">\(Self.escape(label))</text>"
            legendX += 24 + Double(label.count) * 5.6
        }
        svg += "\n"
        for (index, agency) in agencies.enumerated() {
            let y = legendHeight + Double(index) * rowHeight
            svg += "<text x=\"\(Self.n(labelWidth - 8))\" y=\"\(Self.n(y + rowHeight * 0.62))\" text-anchor=\"end\" "
                + "class=\"label\">\(Self.escape(Self.shortened(chartName(agency), to: 38)))<title>\(Self.escape(chartName(agency)))</title></text>"
            var x = labelWidth
            let counts = Array(agency.summary.categoryCounts) + [agency.summary.indicatorCount - agency.summary.measuredCount]
            for (band, count) in counts.enumerated() where count > 0 {
                let width = Double(count) * scale
                let fill = band < labels.count ? colour(band: band) : Self.unmeasuredColour
                let name = band < labels.count ? labels[band] : "Belum terukur"
                svg += "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y + 4))\" width=\"\(Self.n(width))\" "
                    + "height=\"\(Self.n(rowHeight - 8))\" fill=\"\(fill)\" stroke=\"#ffffff\" stroke-width=\"1\">"
                    + "<title>\(Self.escape(name)): \(count)</title></rect>"
                if width >= 14 {
                    svg += "<text x=\"\(Self.n(x + width / 2))\" y=\"\(Self.n(y + rowHeight * 0.62))\" text-anchor=\"middle\" "
                        + "class=\"dalam\(band == 2 || band == 1 ? " gelap" : "")\">\(count)</text>"
                }
                x += width
            }
            svg += "<text x=\"\(Self.n(x + 4))\" y=\"\(Self.n(y + rowHeight * 0.62))\" class=\"nilai\">"
                + "\(agency.summary.indicatorCount)</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// A small chart of one indicator: realisation bars per quarter, the quarter targets as
    /// dark ticks (a range target as a grey band between its bounds), the values written over
    /// the bars and the targets written under the chart, so that both are on paper. Unreported
    /// quarters show a dash.
    func quarterChart(_ result: IndicatorResult) -> String {
        let quarters = result.evaluation.quarters, grades = result.grades
        let code = results.text(result.indicator.code), name = results.text(result.indicator.name)
        let targets = quarters.map { $0.target.map(Self.double) }
        let upperTargets = quarters.map { $0.targetUpper.map(Self.double) }
        let actuals = quarters.map { $0.actual.map(Self.double) }
        // A grade indicator's values are ranks: its axis runs over the whole grade scale, named.
        let annualTarget = result.evaluation.year.target.map(Self.double)
        let values = (targets + upperTargets + actuals + [annualTarget]).compactMap { $0 }
            + (grades.map { [Double($0.grades.count)] } ?? [])
        let highest = max(values.max() ?? 1, 0), lowest = min(values.min() ?? 0, 0)
        let span = highest - lowest > 0 ? (highest - lowest) * 1.12 : 1
        let width = 220.0, height = 96.0, left = grades == nil ? 6.0 : 26.0, bottom = 16.0, top = 14.0
        let plotHeight = height - bottom - top
        let slot = (width - left - 6) / 4
        func y(_ value: Double) -> Double { top + plotHeight - (value - lowest) / span * plotHeight }
        let baseline = y(0)
        var svg = "<figure class=\"kecil\"><figcaption><b>\(Self.escape(code))</b> "
            + "\(Self.escape(name))<span class=\"satuan\">\(Self.escape(results.text(result.indicator.unit)))</span></figcaption>\n"
        svg += "<svg role=\"img\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title>Realisasi dan target triwulanan \(Self.escape(name))</title>"
        svg += "<line x1=\"\(Self.n(left))\" y1=\"\(Self.n(baseline))\" x2=\"\(Self.n(width - 6))\" "
            + "y2=\"\(Self.n(baseline))\" class=\"dasar\"/>"
        // Bars and targets first, the value labels last, so that no line crosses a label.
        var labels = ""
        if let grades {
            for (position, grade) in grades.grades.enumerated() {
                let level = y(Double(position + 1))
                svg += "<line x1=\"\(Self.n(left))\" y1=\"\(Self.n(level))\" x2=\"\(Self.n(width - 6))\" y2=\"\(Self.n(level))\" class=\"kisi\"/>"
                labels += "<text x=\"\(Self.n(left - 3))\" y=\"\(Self.n(level + 3))\" text-anchor=\"end\" class=\"mini\">"
                    + "\(Self.escape(grade))</text>"
            }
        }
        // Without quarter targets, the PK target is marked across the chart (a grade's rank, or a value).
        if targets.allSatisfy({ $0 == nil }), let annualTarget {
            svg += "<line x1=\"\(Self.n(left))\" y1=\"\(Self.n(y(annualTarget)))\" x2=\"\(Self.n(width - 6))\" "
                + "y2=\"\(Self.n(y(annualTarget)))\" class=\"target-pk\"><title>target PK "
                + "\(Self.cell(.target(of: result.evaluation.year, grades: grades)))</title></line>"
        }
        for index in 0..<4 {
            let x = left + Double(index) * slot
            if let actual = actuals[index] {
                let barTop = min(y(actual), baseline), barHeight = abs(y(actual) - baseline)
                let band = quarters[index].achievement.map { results.policy.scale.bandIndex(of: $0) }
                svg += "<rect x=\"\(Self.n(x + slot * 0.2))\" y=\"\(Self.n(barTop))\" width=\"\(Self.n(slot * 0.6))\" "
                    + "height=\"\(Self.n(max(barHeight, 0.5)))\" fill=\"\(band.map { colour(band: $0) } ?? "#5b7bb5")\">"
                    + "<title>\(quarters[index].period.label): realisasi \(Self.cell(.actual(quarters[index].actual, grades: grades)))</title></rect>"
                labels += "<text x=\"\(Self.n(x + slot / 2))\" y=\"\(Self.n(max(barTop - 2, 9)))\" text-anchor=\"middle\" "
                    + "class=\"mini nilai-batang\">\(Self.cell(.actual(quarters[index].actual, grades: grades)))</text>"
            } else {
                labels += "<text x=\"\(Self.n(x + slot / 2))\" y=\"\(Self.n(baseline - 3))\" text-anchor=\"middle\" "
                    + "class=\"mini\">–</text>"
            }
            let title = "<title>\(quarters[index].period.label): target \(Self.cell(.target(of: quarters[index], grades: grades)))</title>"
            if let lower = targets[index], let upper = upperTargets[index] {
                svg += "<rect x=\"\(Self.n(x + slot * 0.1))\" y=\"\(Self.n(min(y(upper), y(lower))))\" width=\"\(Self.n(slot * 0.8))\" "
                    + "height=\"\(Self.n(max(abs(y(lower) - y(upper)), 1)))\" class=\"rentang\">\(title)</rect>"
            } else if let target = targets[index] {
                svg += "<line x1=\"\(Self.n(x + slot * 0.1))\" y1=\"\(Self.n(y(target)))\" x2=\"\(Self.n(x + slot * 0.9))\" "
                    + "y2=\"\(Self.n(y(target)))\" class=\"target\">\(title)</line>"
            }
            labels += "<text x=\"\(Self.n(x + slot / 2))\" y=\"\(Self.n(height - 3))\" text-anchor=\"middle\" class=\"mini\">"
                + "\(quarters[index].period.label)</text>"
        }
        svg += labels + "</svg>\n"
        let printedTargets = quarters.map { $0.target == nil ? "–" : Self.cell(.target(of: $0, grades: grades)) }
        svg += "<p class=\"target-triwulan\">Target TW1–TW4: \(printedTargets.joined(separator: " · ")) · PK: "
            + "\(Self.cell(.target(of: result.evaluation.year, grades: grades)))</p>"
        let headline = result.evaluation.headline
        svg += "<p class=\"tahunan\">\(period.headlineName): "
            + "<b>\(headline.achievement.map { Self.decimal($0.description) + " %" } ?? "–")</b>"
            + "\(headline.category(in: results.policy.scale).map { " · " + Self.escape($0) } ?? "")</p>"
        return svg + "</figure>\n"
    }

    // MARK: - Text

    /// A target or realisation as the tables print it (a value, a range, a grade), in
    /// Indonesian notation and escaped.
    static func cell(_ cell: ReportCell) -> String {
        escape(cell.indonesianText)
    }

    /// `1234.25` → `1.234,25` (``ReportCell/indonesian(_:)``); empty stays empty.
    static func decimal(_ text: String) -> String {
        ReportCell.indonesian(text)
    }

    private static func double(_ value: Fraction) -> Double {
        Double(value.numerator) / Double(value.denominator)
    }

    /// A coordinate with at most one decimal.
    private static func n(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }

    private static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    /// Text escaped for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        // Most text has nothing to escape: returned as it is, without walking its characters.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        return escapeByCharacters(text)
    }

    /// ``escape(_:)`` character by character.
    static func escapeByCharacters(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    // MARK: - Style

    static let styleSheet = """
    :root { --tinta: #1d2125; --garis: #c9ced6; --latar: #f4f6f9; --aksen: #1f4e8c; }
    * { box-sizing: border-box; }
    body { font-family: "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; color: var(--tinta); margin: 0 auto;
           max-width: 1200px; padding: 20px 28px; font-size: 13px; line-height: 1.4; background: #fff; }
    .sampul { border-bottom: 3px solid var(--aksen); margin-bottom: 14px; padding-bottom: 8px; }
    .bab-label { margin: 0; font-weight: 700; letter-spacing: .2em; color: var(--aksen); }
    h1 { margin: 2px 0 4px; font-size: 24px; }
    h2 { font-size: 18px; color: var(--aksen); border-bottom: 1px solid var(--garis); padding-bottom: 3px; margin: 18px 0 10px; }
    h3 { font-size: 16px; margin: 16px 0 2px; }
    h4 { font-size: 13px; margin: 12px 0 6px; color: #444; }
    .kebijakan, .ikhtisar { color: #555; margin: 0 0 8px; }
    .kode { color: #6b7280; font-weight: 400; font-size: 11px; margin-left: 6px; }
    td .kode { display: block; margin: 0; }
    .ringkasan { display: flex; gap: 10px; flex-wrap: wrap; margin-bottom: 12px; }
    .ubin { background: var(--latar); border-left: 4px solid var(--aksen); padding: 6px 12px; min-width: 150px; }
    .ubin .nilai { display: block; font-size: 20px; font-weight: 700; }
    .ubin .label { color: #555; font-size: 12px; }
    .grafik-baris { display: flex; gap: 18px; flex-wrap: wrap; }
    figure { margin: 0; }
    .grafik { flex: 1 1 480px; }
    figcaption { font-weight: 600; margin-bottom: 4px; }
    svg.bagan { width: 100%; height: auto; }
    svg text { font-family: inherit; }
    svg .label { font-size: 11px; fill: var(--tinta); }
    svg .nilai { font-size: 11px; fill: var(--tinta); font-weight: 600; }
    svg .sumbu { font-size: 10px; fill: #555; }
    svg .dalam { font-size: 10px; fill: #fff; font-weight: 600; }
    svg .dalam.gelap { fill: var(--tinta); }
    svg .kisi { stroke: #e3e6ea; stroke-width: 1; }
    svg .acuan { stroke: var(--tinta); stroke-width: 1; stroke-dasharray: 4 3; }
    svg .dasar { stroke: #8a9099; stroke-width: 1; }
    svg .target { stroke: var(--tinta); stroke-width: 2.5; }
    svg .mini { font-size: 9px; fill: #333; }
    svg .nilai-batang { paint-order: stroke; stroke: #fff; stroke-width: 2.5px; stroke-linejoin: round; }
    svg .target-pk { stroke: var(--tinta); stroke-width: 1.5; stroke-dasharray: 5 3; }
    svg .rentang { fill: #9aa3ae; fill-opacity: .45; stroke: var(--tinta); stroke-width: 1; }
    .target-triwulan { margin: 1px 0 0; font-size: 10px; color: #444; }
    tr.analisis td { font-size: 8.5pt; color: #333; background: #f7f7f4; border-top: none; }
    .dokumen { font-size: 9pt; font-weight: normal; }
    a { color: #1f4e79; }
    .belum-lapor { border-left: 4px solid #cf3a2f; background: #fbeeed; padding: 4px 12px; margin: 0 0 12px; }
    .belum-lapor p, .lengkap { margin: 4px 0; }
    .belum-lapor ul { margin: 2px 0 6px; padding-left: 18px; }
    .legenda { margin: 0 0 6px; font-size: 11px; color: #444; }
    .legenda span { display: inline-block; vertical-align: middle; margin: 0 4px 0 2px; }
    .contoh-batang { width: 10px; height: 10px; background: #1b7f3b; }
    .contoh-target { width: 14px; height: 0; border-top: 2.5px solid var(--tinta); }
    .contoh-pk { width: 14px; height: 0; border-top: 1.5px dashed var(--tinta); }
    .contoh-rentang { width: 14px; height: 8px; background: rgba(154, 163, 174, .45); border: 1px solid var(--tinta); }
    table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; }
    caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
    th, td { border: 1px solid var(--garis); padding: 3px 6px; vertical-align: top; }
    th { background: #dde5f2; font-size: 12px; text-align: center; }
    td.angka { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    td.capaian { font-weight: 700; }
    td.kategori { text-align: center; white-space: nowrap; font-weight: 600; }
    td.kosong { color: #888; }
    td.ulang { border-top-color: transparent; }
    td.catatan { font-size: 11px; color: #555; max-width: 220px; }
    tr.sasaran td { background: var(--latar); font-weight: 600; }
    .tanda-tangan { margin: 28px 0 0 auto; width: 340px; text-align: center; break-inside: avoid; }
    .tanda-tangan p { margin: 2px 0; }
    .tanda-tangan .ruang { height: 64px; }
    .tanda-tangan .nama { font-weight: 700; text-decoration: underline; }
    .titik { display: inline-block; width: 9px; height: 9px; margin-right: 4px; border-radius: 2px; }
    .kecil-majemuk { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 10px 14px; }
    .kecil { border: 1px solid #e3e6ea; padding: 4px 6px; break-inside: avoid; }
    .kecil figcaption { font-weight: 400; font-size: 11px; line-height: 1.25; min-height: 2.6em; }
    .kecil .satuan { color: #6b7280; margin-left: 4px; }
    .kecil svg { width: 100%; height: auto; display: block; }
    .tahunan { margin: 2px 0 0; font-size: 11px; }
    footer { margin-top: 18px; border-top: 1px solid var(--garis); padding-top: 6px; color: #666; font-size: 11px; }
    @page { size: A4 landscape; margin: 10mm 12mm; }
    @media print {
      body { max-width: none; padding: 0; font-size: 10.5px; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      section.opd, section.bab + section.bab { break-before: page; }
      h2 + section.opd { break-before: auto; }
      thead { display: table-header-group; }
      tr, tbody.indikator, .ubin, .grafik { break-inside: avoid; }
      h3, h4 { break-after: avoid; }
      .kecil-majemuk { grid-template-columns: repeat(5, 1fr); }
    }

    """
}
