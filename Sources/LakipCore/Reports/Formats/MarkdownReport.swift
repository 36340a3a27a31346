/// `laporan.md`: the year's tables as Markdown (GitHub-flavoured pipe tables) for pasting into
/// a document or a wiki: the OPD ranking, then per OPD its measurement and semester tables.
///
/// Numbers use the decimal comma an Indonesian document expects and keep their exact digits;
/// an empty cell stays empty.
public struct MarkdownReport {
    public var report: YearReport

    public init(report: YearReport) {
        self.report = report
    }

    public func markdown() -> String {
        var text = "# Laporan Kinerja Tahun \(report.year)\n\n"
        let policy = report.policy
        text += "Dihitung \(policy.asOf.map { "s.d. \($0.label)" } ?? "dengan semua triwulan"); polaritas negatif: "
            + (policy.negativeFormula == .difference ? "selisih, (2T − R) / T × 100" : "rasio, T / R × 100") + ".\n\n"

        text += "## Peringkat Perangkat Daerah\n\n"
        let ranking = report.agencies.map { agency in [ReportCell.integer(agency.rank), .text(agency.name)] + Self.cells(agency.summary) }
            + [[.empty, .text("TOTAL PEMDA")] + Self.cells(report.overall)]
        text += table(header: ["Peringkat", "Perangkat Daerah", "Indikator", "Terukur", "Rata-rata capaian (%)"]
                      + policy.scale.labels + ["Capaian ≥ 100 (%)", "Kelengkapan data (%)"],
                      alignments: [true, false, true, true, true] + policy.scale.labels.map { _ in true } + [true, true],
                      rows: ranking)

        for agency in report.agencies {
            text += "## \(agency.rank). \(Self.inline(agency.name)) (\(Self.inline(agency.code)))\n\n"
            text += "### Pengukuran kinerja\n\n"
            text += table(
                header: ["No", "Sasaran", "Indikator kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)", "Kategori",
                         "Keterangan"],
                alignments: [true, false, false, false, true, true, true, false, false],
                rows: agency.indicators.map { indicator in
                    let year = indicator.evaluation.year
                    return [.integer(indicator.number), ReportCell(text: indicator.objective), ReportCell(text: indicator.name),
                            ReportCell(text: indicator.unit), indicator.target(year), indicator.actual(year.actual),
                            ReportCell(year.achievement), ReportCell(text: year.category), ReportCell(text: indicator.notes)]
                })
            text += "### Capaian semester\n\n"
            text += table(
                header: ["No", "Indikator kinerja", "Target S1", "Realisasi S1", "Capaian S1 (%)", "Kategori S1",
                         "Target S2", "Realisasi S2", "Capaian S2 (%)", "Kategori S2"],
                alignments: [true, false, true, true, true, false, true, true, true, false],
                rows: agency.indicators.map { indicator in
                    [.integer(indicator.number), ReportCell(text: indicator.name)]
                        + indicator.evaluation.semesters.flatMap { outcome in
                            [indicator.target(outcome), indicator.actual(outcome.actual), ReportCell(outcome.achievement),
                             ReportCell(text: outcome.category)]
                        }
                })
        }
        return text
    }

    /// The roll-up columns of a ranking row, as in rekap_opd.csv.
    private static func cells(_ summary: AgencySummary) -> [ReportCell] {
        [.integer(summary.indicatorCount), .integer(summary.measuredCount), ReportCell(summary.meanAchievement)]
            + summary.categoryCounts.map(ReportCell.integer)
            + [ReportCell(summary.atLeastHundredShare), ReportCell(summary.completeness)]
    }

    /// A pipe table; `alignments[i]` true right-aligns column i (numbers).
    private func table(header: [String], alignments: [Bool], rows: [[ReportCell]]) -> String {
        var text = "| " + header.map(Self.inline).joined(separator: " | ") + " |\n"
        text += "|" + alignments.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows {
            text += "| " + row.map { Self.inline($0.indonesianText) }.joined(separator: " | ") + " |\n"
        }
        return text + "\n"
    }

    /// Text safe inside a table cell: pipes escaped, line breaks as spaces, and characters that
    /// would start Markdown or HTML markup escaped, so a name is shown as written.
    static func inline(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|", "\\", "*", "_", "`", "[", "]", "<", ">", "#":
                result += "\\" + String(character)
            case "\n", "\r", "\r\n", "\t":
                result += " "
            default:
                result.append(character)
            }
        }
        return result
    }
}
