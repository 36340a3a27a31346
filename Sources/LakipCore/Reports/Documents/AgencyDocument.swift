/// The report one OPD hands up for a period (SPEC §8), written as `opd/<kode_opd>.html` and
/// `.md` beside the Pemda-wide one: its Tabel Pengukuran Kinerja grouped by sasaran (each
/// sasaran with its roll-up), the quarters so far, the semesters, and the quarterly charts.
///
/// Like the other documents it renders ``PeriodResults`` and computes nothing of its own: the
/// sasaran roll-ups are the rows of `rekap_sasaran.csv`.
struct AgencyDocument {
    let results: PeriodResults
    let agency: PeriodResults.AgencyResult

    /// A sasaran of the OPD with its roll-up and its indicators, in input order.
    struct ObjectiveGroup {
        var code: String
        var name: String
        var summary: AgencySummary?
        var indicators: [IndicatorResult]
    }

    var period: ReportPeriod { results.period }

    /// The OPD's sasaran in the order their first indicator appears in the input.
    var groups: [ObjectiveGroup] {
        var summaries: [String: AgencySummary] = [:]
        for position in results.rollups.objectivePositions(of: agency.agency) {
            let summary = results.rollups.objectives[position]
            summaries[results.text(summary.objectiveCode)] = summary
        }
        var groups: [ObjectiveGroup] = []
        var positions: [String: Int] = [:]
        for result in agency.indicators {
            let code = results.text(result.indicator.objectiveCode)
            if let position = positions[code] {
                groups[position].indicators.append(result)
            } else {
                positions[code] = groups.count
                groups.append(ObjectiveGroup(code: code, name: results.text(result.indicator.objective),
                                             summary: summaries[code], indicators: [result]))
            }
        }
        return groups
    }

    /// The quarters the period covers: TW1 … its last quarter.
    var quarters: [Quarter] { Quarter.allCases.filter { $0.index <= period.through.index } }

    /// The semesters complete within the period: S1 from TW2 on, S2 in the year's report.
    var semesterCount: Int { period.isCompleteYear ? 2 : (period.through.index >= 1 ? 1 : 0) }

    /// The period in words for the cover: "Triwulan II Tahun 2025 (s.d. TW II)", "Tahun 2025".
    var periodName: String { period.name + (period.isCompleteYear ? "" : " (s.d. TW \(period.through.roman))") }

    /// The document's file name inside the report folder: `opd/` and the code made safe as a
    /// file name (letters, digits, `.`, `-`, `_`; anything else `_`; never hidden or empty).
    static func fileName(code: String, extension: String) -> String {
        var safe = String(code.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "0"..."9", "A"..."Z", "a"..."z", ".", "-", "_": Character(scalar)
            default: "_"
            }
        })
        if safe.isEmpty || safe.hasPrefix(".") { safe = "_" + safe }
        return "opd/" + String(safe.prefix(120)) + "." + `extension`
    }

    /// The documents' file names for `agencies`, made distinct: two codes that become the same
    /// safe name get `-2`, `-3` … in input order.
    static func fileNames(for codes: [String], extension: String) -> [String] {
        var used: Set<String> = []
        return codes.map { code in
            let base = fileName(code: code, extension: `extension`)
            var name = base, suffix = 2
            while !used.insert(name).inserted {
                name = String(base.dropLast(`extension`.count + 1)) + "-\(suffix)." + `extension`
                suffix += 1
            }
            return name
        }
    }

    /// The headline's columns: target and realisation to date in a quarter, the PK target and
    /// progres beside them.
    var measurementHeader: [String] {
        let toDate = period.isCompleteYear ? "" : " s.d. TW \(period.through.roman)"
        return ["No", "Indikator kinerja", "Satuan", "Target" + toDate, "Realisasi" + toDate, "Capaian (%)", "Kategori"]
            + (period.isCompleteYear ? [] : ["Target tahunan (PK)", "Progres (%)"]) + ["Keterangan"]
    }

    /// One indicator's row of the measurement table.
    func measurementRow(_ result: IndicatorResult) -> [ReportCell] {
        let headline = result.evaluation.headline, indicator = result.indicator
        let beside: [ReportCell] = period.isCompleteYear ? []
            : [.target(of: result.evaluation.year, grades: result.grades), ReportCell(result.evaluation.headlineProgress.achievement)]
        return [.integer(result.number), ReportCell(text: results.text(indicator.name)), ReportCell(text: results.text(indicator.unit)),
                .target(of: headline, grades: result.grades), .actual(headline.actual, grades: result.grades),
                ReportCell(headline.achievement), ReportCell(text: headline.category)]
            + beside + [ReportCell(text: result.headlineNotes)]
    }

    var quarterHeader: [String] {
        ["No", "Indikator kinerja"] + quarters.flatMap { ["Target \($0.label)", "Realisasi \($0.label)", "Capaian \($0.label) (%)"] }
    }

    func quarterRow(_ result: IndicatorResult) -> [ReportCell] {
        [.integer(result.number), ReportCell(text: results.text(result.indicator.name))] + quarters.flatMap { quarter in
            let outcome = result.evaluation.quarters[quarter.index]
            return [.target(of: outcome, grades: result.grades), .actual(outcome.actual, grades: result.grades),
                    ReportCell(outcome.achievement)]
        }
    }

    var semesterHeader: [String] {
        ["No", "Indikator kinerja"] + (1...max(semesterCount, 1)).prefix(semesterCount).flatMap {
            ["Target S\($0)", "Realisasi S\($0)", "Capaian S\($0) (%)", "Kategori S\($0)"]
        }
    }

    func semesterRow(_ result: IndicatorResult) -> [ReportCell] {
        [.integer(result.number), ReportCell(text: results.text(result.indicator.name))]
            + result.evaluation.semesters.prefix(semesterCount).flatMap { outcome in
                [.target(of: outcome, grades: result.grades), .actual(outcome.actual, grades: result.grades),
                 ReportCell(outcome.achievement), ReportCell(text: outcome.category)]
            }
    }

    /// A sasaran's heading line: "Sasaran S1: Kesehatan ibu — 2 indikator", and with `mean`
    /// ", rata-rata capaian 88,36 % (Tinggi)" (where the roll-up has no cells of its own).
    func objectiveLine(_ group: ObjectiveGroup, mean withMean: Bool) -> String {
        let mean = group.summary?.meanAchievement
        let line = "Sasaran \(group.code)" + (group.name.isEmpty ? "" : ": \(group.name)") + " — \(group.indicators.count) indikator"
        guard withMean else { return line }
        return line + (mean.map { ", rata-rata capaian \(ReportCell.indonesian($0.description)) % (\(results.policy.scale.category(of: $0)))" }
            ?? ", belum ada capaian")
    }
}
