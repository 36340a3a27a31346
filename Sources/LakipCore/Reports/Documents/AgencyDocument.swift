/// The report one OPD hands up for a period (SPEC §8), written as `opd/<kode_opd>.html` and
/// `.md` beside the Pemda-wide one: its Tabel Pengukuran Kinerja grouped by sasaran (each
/// sasaran with its roll-up), the quarters so far, the semesters, and the quarterly charts.
///
/// Like the other documents it renders ``PeriodResults`` and computes nothing of its own: the
/// sasaran roll-ups are the rows of `rekap_sasaran.csv`.
struct AgencyDocument {
    let results: PeriodResults
    let agency: PeriodResults.AgencyResult
    /// `--tanggal`: the place and date above the signature ("Paringin, 15 Juli 2025"); never the
    /// clock's.
    var signatureDate: String?
    /// The OPD's own problems from `validasi.csv` (galat and peringatan of its rows of this year),
    /// at most ``AgencyProblems/shownLimit``, and how many more there are.
    var problems = AgencyProblems.Listing()

    /// A sasaran of the OPD with its roll-up and its indicators, in input order.
    struct ObjectiveGroup {
        var code: String
        var name: String
        var summary: AgencySummary?
        var indicators: [IndicatorResult]
        /// The penanggung jawab all its indicators share, said once on the sasaran's line.
        var responsible: String?
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
        for position in groups.indices {
            let people = Set(groups[position].indicators.map(\.indicator.responsible))
            if people.count == 1, let person = people.first, !person.isEmpty { groups[position].responsible = results.text(person) }
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
                ReportCell(headline.achievement), ReportCell(text: headline.category(in: results.policy.scale))]
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
        ["No", "Indikator kinerja"] + (1...2).prefix(semesterCount).flatMap {
            ["Target S\($0)", "Realisasi S\($0)", "Capaian S\($0) (%)", "Kategori S\($0)"]
        }
    }

    func semesterRow(_ result: IndicatorResult) -> [ReportCell] {
        [.integer(result.number), ReportCell(text: results.text(result.indicator.name))]
            + result.evaluation.semesters.prefix(semesterCount).flatMap { outcome in
                [.target(of: outcome, grades: result.grades), .actual(outcome.actual, grades: result.grades),
                 ReportCell(outcome.achievement), ReportCell(text: outcome.category(in: results.policy.scale))]
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

// MARK: - The OPD's words

extension AgencyDocument {
    /// An indicator's keterangan of `quarter`, as the OPD wrote it; `nil` when it wrote none.
    func words(_ result: IndicatorResult, _ quarter: Quarter) -> String? {
        let ref = result.indicator.notes[quarter.index]
        return ref.isEmpty ? nil : results.text(ref)
    }

    /// "Analisis / kendala" of the headline: the latest quarter of the period whose realisation
    /// says something, with that quarter.
    func latestWords(_ result: IndicatorResult) -> (quarter: Quarter, text: String)? {
        for quarter in quarters.reversed() {
            if let text = words(result, quarter) { return (quarter, text) }
        }
        return nil
    }

    /// penanggung_jawab of the indicator; `nil` when the data name none.
    func responsible(_ result: IndicatorResult) -> String? {
        result.indicator.responsible.isEmpty ? nil : results.text(result.indicator.responsible)
    }

    /// The line under an indicator of the measurement table: "Analisis / kendala (TW II): …" and
    /// "Penanggung jawab: …", each only when the data have it (the latter when its sasaran's line
    /// does not already say it).
    func wordsLine(_ result: IndicatorResult, in group: ObjectiveGroup) -> (analysis: String?, responsible: String?)? {
        let latest = latestWords(result), person = group.responsible == nil ? responsible(result) : nil
        guard latest != nil || person != nil else { return nil }
        return (latest.map { "Analisis / kendala (\($0.quarter.label)): \($0.text)" }, person.map { "Penanggung jawab: \($0)" })
    }

    /// The indicators with any keterangan in the period.
    var indicatorsWithWords: [IndicatorResult] {
        agency.indicators.filter { result in quarters.contains { words(result, $0) != nil } }
    }

    var wordsHeader: [String] {
        ["No", "Indikator kinerja"] + quarters.map { "Analisis / kendala \($0.label)" } + ["Penanggung jawab"]
    }

    func wordsRow(_ result: IndicatorResult) -> [ReportCell] {
        [.integer(result.number), ReportCell(text: results.text(result.indicator.name))]
            + quarters.map { ReportCell(text: words(result, $0)) } + [ReportCell(text: responsible(result))]
    }
}

// MARK: - The OPD's own problems

/// The problems of `validasi.csv` that belong to each OPD, for its document: so that it can fix
/// its own data without reading the whole Pemda's list.
enum AgencyProblems {
    /// The most problems one document lists; the rest are counted and left to `validasi.csv`.
    static let shownLimit = 200

    struct Listing: Sendable {
        var shown: [ValidationIssue] = []
        var omitted = 0
        var isEmpty: Bool { shown.isEmpty && omitted == 0 }
    }

    /// The galat and peringatan of rows naming each OPD code and, when the row names a year,
    /// the year `year`; one pass over the log.
    static func byAgency(_ issues: IssueLog, year: Int, codes: Set<String>) -> [String: Listing] {
        var listings: [String: Listing] = [:]
        for issue in issues where issue.severity != .info && !issue.agencyCode.isEmpty
            && (issue.year == nil || issue.year == year) && codes.contains(issue.agencyCode) {
            if listings[issue.agencyCode, default: Listing()].shown.count < shownLimit {
                listings[issue.agencyCode, default: Listing()].shown.append(issue)
            } else {
                listings[issue.agencyCode, default: Listing()].omitted += 1
            }
        }
        return listings
    }

    /// What names an OPD in ``ValidationIssue/agencyCode``: its code, after its Pemda's code when
    /// the data name Pemda (the same OPD code is then in several Pemda).
    static func key(pemdaCode: String?, agencyCode: String) -> String {
        pemdaCode.map { $0 + "\u{1E}" + agencyCode } ?? agencyCode
    }

    static let header = ["Tingkat", "Berkas", "Baris", "Kolom", "Kode", "Pesan"]

    static func row(_ issue: ValidationIssue) -> [ReportCell] {
        [.text(issue.severity.rawValue), ReportCell(text: issue.file), issue.line.map(ReportCell.integer) ?? .empty,
         ReportCell(text: issue.column), ReportCell(text: issue.code), ReportCell(text: issue.message)]
    }

    /// The sentence under the list when some were left out.
    static func omittedSentence(_ count: Int) -> String {
        "… dan \(count) masalah lain; semuanya ada di validasi.csv."
    }
}

// MARK: - Bab III analysis (the year's document)

extension AgencyDocument {
    /// A table of the Bab III analysis: its title, a sentence on how to read it, and its rows.
    struct AnalysisTable {
        var title: String
        /// The workbook's sheet name.
        var sheet: String
        var note: String
        var header: [String]
        var rows: [[ReportCell]]
        /// Columns holding numbers (right-aligned).
        var numeric: [Bool]
    }

    /// The analysis of PermenPANRB 53/2014 Bab III for the year: against earlier years, against
    /// the Renstra end target, and budget, each only where the data have it.
    var analysis: [AnalysisTable] {
        guard period.isCompleteYear else { return [] }
        var tables: [AnalysisTable] = []
        let year = period.year
        let earlier = agency.indicators.filter { $0.twoYearsBefore != nil || $0.oneYearBefore != nil }
        if !earlier.isEmpty {
            let years = [year - 2, year - 1, year]
            tables.append(AnalysisTable(
                title: "Perbandingan dengan tahun sebelumnya", sheet: "tahun_sebelumnya",
                note: "Indikator yang sama (kode OPD dan kode indikator) pada \(year - 2) dan \(year - 1); arah menurut "
                    + "polaritas indikator.",
                header: ["No", "Indikator kinerja"] + years.flatMap { ["Target \($0)", "Realisasi \($0)", "Capaian \($0) (%)"] }
                    + ["Arah"],
                rows: earlier.map { result in
                    func cells(_ outcome: PeriodOutcome?, _ grades: GradeScale?) -> [ReportCell] {
                        guard let outcome else { return [.empty, .empty, .empty] }
                        return [.target(of: outcome, grades: grades), .actual(outcome.actual, grades: grades),
                                ReportCell(outcome.achievement)]
                    }
                    return [.integer(result.number), ReportCell(text: results.text(result.indicator.name))]
                        + cells(result.twoYearsBefore?.outcome, result.twoYearsBefore?.grades)
                        + cells(result.oneYearBefore?.outcome, result.oneYearBefore?.grades)
                        + cells(result.evaluation.headline, result.grades)
                        + [ReportCell(text: result.direction?.rawValue)]
                },
                numeric: [true, false] + Array(repeating: true, count: 9) + [false]))
        }
        let renstra = agency.indicators.filter { $0.evaluation.renstra != nil }
        if !renstra.isEmpty {
            tables.append(AnalysisTable(
                title: "Perbandingan dengan target akhir Renstra", sheet: "renstra",
                note: "Realisasi \(year) terhadap target akhir periode Renstra (capaian dengan rumus yang sama).",
                header: ["No", "Indikator kinerja", "Tahun akhir Renstra", "Target akhir Renstra", "Realisasi \(year)",
                         "Capaian terhadap Renstra (%)"],
                rows: renstra.map { result in
                    let outcome = result.evaluation.renstra!
                    return [.integer(result.number), ReportCell(text: results.text(result.indicator.name)),
                            result.indicator.renstraEndYear.map(ReportCell.integer) ?? .empty,
                            .target(of: outcome, grades: result.grades), .actual(outcome.actual, grades: result.grades),
                            ReportCell(outcome.achievement)]
                },
                numeric: [true, false, true, true, true, true]))
        }
        if let total = results.rollups.budget(of: agency.agency) {
            var rows: [[ReportCell]] = []
            for position in results.rollups.objectivePositions(of: agency.agency) {
                guard let budget = results.rollups.budget(ofObjectiveAt: position) else { continue }
                let summary = results.rollups.objectives[position]
                rows.append([ReportCell(text: "Sasaran " + results.text(summary.objectiveCode))] + Self.budgetCells(budget))
            }
            rows.append([.text("Jumlah OPD")] + Self.budgetCells(total))
            tables.append(AnalysisTable(
                title: "Anggaran dan efisiensi", sheet: "anggaran",
                note: "Atas indikator yang mempunyai pagu: serapan = realisasi ÷ pagu; efisiensi membandingkan rata-rata "
                    + "capaian dengan serapan, seperti anggaran.csv.",
                header: ["", "Indikator", "Pagu (Rp)", "Realisasi anggaran (Rp)", "Serapan (%)", "Rata-rata capaian (%)",
                         "Efisiensi (%)"],
                rows: rows,
                numeric: [false, true, true, true, true, true, true]))
        }
        return tables
    }

    private static func budgetCells(_ budget: BudgetSummary) -> [ReportCell] {
        [.integer(budget.performance.indicatorCount), ReportCell(budget.ceiling), ReportCell(budget.spent),
         ReportCell(budget.absorption), ReportCell(budget.performance.meanAchievement), ReportCell(budget.efficiency)]
    }
}

// MARK: - Signature block

extension AgencyDocument {
    /// The signature block: place and date (`--tanggal`), the head's title, room to sign, name
    /// and NIP from `opd.csv`; a dotted line for each that is not given.
    struct Signature {
        var date: String
        var title: String
        var name: String
        var id: String
        /// Whether the name came from `opd.csv` (printed bold), not a line to fill in.
        var named: Bool
    }

    var signature: Signature {
        let record = results.dataset.agencies[agency.agency]
        let text = { (ref: TextRef) -> String? in ref.isEmpty ? nil : results.text(ref) }
        let blank = String(repeating: ".", count: 36)
        return Signature(date: signatureDate ?? blank + ", " + String(repeating: ".", count: 24),
                         title: text(record.headTitle) ?? "Kepala " + agency.name,
                         name: text(record.headName) ?? "(" + blank + ")",
                         id: "NIP. " + (text(record.headID) ?? String(repeating: ".", count: 30)),
                         named: !record.headName.isEmpty)
    }
}
