/// kelengkapan.csv (SPEC §8, the SOP's recap step): per OPD and quarter of the period, the
/// realisations expected, reported and missing, and which indicators have not reported, so the
/// planner sees who has not yet sent data.
enum CompletenessTable: SummaryTable {
    static let fileName = "kelengkapan.csv"

    static func header(_ context: TableContext) -> [String] {
        context.pemdaColumns + ["kode_opd", "nama_opd", "triwulan", "diharapkan", "dilaporkan", "belum_dilaporkan", "persen_lengkap",
         "indikator_belum_dilaporkan"]
    }

    static func forEachRow(of results: PeriodResults, _ context: TableContext,
                           _ body: ([ReportCell]) throws -> Void) rethrows {
        for agencyIndex in results.rollups.agencyOrder {
            guard let completeness = results.rollups.completeness(of: agencyIndex) else { continue }
            let agency = context.dataset.agencies[agencyIndex]
            let pemda = context.pemdaCells(ofAgency: agencyIndex)
            for quarter in Quarter.allCases where quarter <= context.period.through {
                let missing = completeness.missingCount(in: quarter)
                try body(pemda + [ReportCell(text: results.text(agency.code)), ReportCell(text: results.text(agency.name)),
                          .text(quarter.label), .integer(completeness.expected),
                          .integer(completeness.reported[quarter.index]), .integer(missing),
                          ReportCell(AgencySummary.percent(completeness.reported[quarter.index], of: completeness.expected)),
                          ReportCell(text: codes(completeness.missingCodes[quarter.index], of: missing, results))])
            }
        }
    }

    /// "A-01; A-02" or, past the limit, "A-01; …; A-20 … dan 35 lainnya".
    static func codes(_ listed: [TextRef], of missing: Int, _ results: PeriodResults) -> String {
        let text = listed.map(results.text).joined(separator: "; ")
        return missing > listed.count ? text + " … dan \(missing - listed.count) lainnya" : text
    }
}
