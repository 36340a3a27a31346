/// `laporan.md`: a report period's tables as Markdown (GitHub-flavoured pipe tables) for pasting into
/// a document or a wiki: the OPD ranking, then per OPD its measurement and semester tables.
///
/// Numbers use the decimal comma an Indonesian document expects and keep their exact digits;
/// an empty cell stays empty.
public struct MarkdownReport {
    public var results: PeriodResults
    /// The agencies in rank order with their indicators.
    private let agencies: [PeriodResults.AgencyResult]

    /// - Parameter agencies: ``PeriodResults/agencies``, when the caller already has them.
    public init(results: PeriodResults, agencies: [PeriodResults.AgencyResult]? = nil) {
        self.results = results
        self.agencies = agencies ?? results.agencies
    }

    public func markdown() -> String {
        let period = results.period, policy = results.policy
        var text = "# \(Self.inline(period.title))\n\n"
        text += "Dihitung \(period.isCompleteYear ? "dengan semua triwulan" : "s.d. TW \(period.through.roman)"); "
            + "polaritas negatif: "
            + policy.negativeFormula.sentence + ".\n\n"

        let summaryHeader = ["Indikator", "Terukur", "Rata-rata capaian (%)"] + policy.scale.labels
            + ["Capaian ≥ 100 (%)", "Kelengkapan data (%)"]
        let summaryAlignments = summaryHeader.map { _ in true }
        let totalLabel = results.dataset.totalLabel
        if results.pemdaRanking.count > 1 {
            // Several Pemda (SPEC §8): the Pemda ranked, then each Pemda's OPDs ranked among themselves.
            text += "## Perbandingan Pemerintah Daerah\n\n"
            let pemdas = results.pemdaRanking.enumerated().map { position, summary in
                let pemda = results.dataset.pemdas[summary.agency]
                return [ReportCell.integer(position + 1), .text(results.text(pemda.name)), ReportCell(text: results.text(pemda.code)),
                        ReportCell(text: results.text(pemda.province))] + SummaryColumns.cells(summary)
            } + [[.empty, .text(totalLabel), .empty, .empty] + SummaryColumns.cells(results.total)]
            text += Self.table(header: ["Peringkat", "Pemerintah Daerah", "Kode", "Provinsi"] + summaryHeader,
                               alignments: [true, false, false, false] + summaryAlignments, rows: pemdas)
            let grouped = results.byPemda(agencies)
            for summary in results.pemdaRanking {
                let pemda = results.dataset.pemdas[summary.agency]
                text += "## Peringkat Perangkat Daerah — \(Self.inline(results.text(pemda.name)))\n\n"
                let own = grouped[summary.agency] ?? []
                text += Self.table(header: ["Peringkat", "Perangkat Daerah"] + summaryHeader,
                                   alignments: [true, false] + summaryAlignments,
                                   rows: own.enumerated().map { position, agency in
                                       [ReportCell.integer(position + 1), .text(agency.name)] + SummaryColumns.cells(agency.summary)
                                   })
            }
        } else {
            text += "## Peringkat Perangkat Daerah\n\n"
            let ranking = agencies.map { agency in [ReportCell.integer(agency.rank), .text(agency.name)] + SummaryColumns.cells(agency.summary) }
                + [[.empty, .text(totalLabel)] + SummaryColumns.cells(results.total)]
            text += Self.table(header: ["Peringkat", "Perangkat Daerah"] + summaryHeader, alignments: [true, false] + summaryAlignments,
                               rows: ranking)
        }

        // A quarterly report compares with the plan to date; progres against the PK target stands beside it.
        let toDate = period.isCompleteYear ? "" : " s.d. TW \(period.through.roman)"
        let progress = period.isCompleteYear ? [] : ["Target tahunan (PK)", "Progres (%)"]
        for agency in agencies {
            let pemda = results.pemdaRanking.count > 1 ? agency.pemdaName.map { " — " + Self.inline($0) } ?? "" : ""
            text += "## \(agency.rank). \(Self.inline(agency.name)) (\(Self.inline(agency.code)))\(pemda)\n\n"
            text += "### Pengukuran kinerja\n\n"
            text += Self.table(
                header: ["No", "Sasaran", "Indikator kinerja", "Satuan", "Target" + toDate, "Realisasi" + toDate, "Capaian (%)",
                         "Kategori"] + progress + ["Keterangan"],
                alignments: [true, false, false, false, true, true, true, false] + progress.map { _ in true } + [false],
                rows: agency.indicators.map { result in
                    let headline = result.evaluation.headline, indicator = result.indicator
                    let beside: [ReportCell] = period.isCompleteYear ? []
                        : [.target(of: result.evaluation.year, grades: result.grades),
                           ReportCell(result.evaluation.headlineProgress.achievement)]
                    return [.integer(result.number), ReportCell(text: results.text(indicator.objective)),
                            ReportCell(text: results.text(indicator.name)), ReportCell(text: results.text(indicator.unit)),
                            .target(of: headline, grades: result.grades), .actual(headline.actual, grades: result.grades),
                            ReportCell(headline.achievement), ReportCell(text: headline.category(in: results.policy.scale))]
                        + beside + [ReportCell(text: result.headlineNotes)]
                })
            text += "### Capaian semester\n\n"
            text += Self.table(
                header: ["No", "Indikator kinerja", "Target S1", "Realisasi S1", "Capaian S1 (%)", "Kategori S1",
                         "Target S2", "Realisasi S2", "Capaian S2 (%)", "Kategori S2"],
                alignments: [true, false, true, true, true, false, true, true, true, false],
                rows: agency.indicators.map { result in
                    [.integer(result.number), ReportCell(text: results.text(result.indicator.name))]
                        + result.evaluation.semesters.flatMap { outcome in
                            [.target(of: outcome, grades: result.grades), .actual(outcome.actual, grades: result.grades),
                             ReportCell(outcome.achievement), ReportCell(text: outcome.category(in: results.policy.scale))]
                        }
                })
        }
        return text
    }

    /// A pipe table; `alignments[i]` true right-aligns column i (numbers).
    static func table(header: [String], alignments: [Bool], rows: [[ReportCell]]) -> String {
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
        // Most text holds none of these bytes: returned as it is, without walking its characters.
        guard text.utf8.contains(where: { byte in
            switch byte {
            case 0x7C, 0x5C, 0x2A, 0x5F, 0x60, 0x5B, 0x5D, 0x3C, 0x3E, 0x23, 0x0A, 0x0D, 0x09: true
            default: false
            }
        }) else { return text }
        return inlineByCharacters(text)
    }

    /// ``inline(_:)`` character by character.
    static func inlineByCharacters(_ text: String) -> String {
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
