/// Reads the Rencana Aksi sheet of wp-eval-sakip: four hierarchy levels each in their own
/// column pair (name, indicator), quarter targets, realisations and the app's capaian.
struct ActionPlanReader {
    /// Column numbers as the sheet prints them (1–28).
    private enum Number {
        static let levels = [(name: 4, indicator: 5), (name: 6, indicator: 7), (name: 8, indicator: 9), (name: 10, indicator: 11)]
        static let unit = 12, first = 13, quarterTargets = 14...17, annual = 18, actuals = 19...22, capaian = 23
        static let budget = 24, budgetActual = 26
    }

    func read(_ sheet: ReportSheet, headerIndex: Int, context: inout SheetContext, into result: inout ImportedSheet) {
        let file = context.file
        let header: HeaderBlock
        do {
            header = try HeaderBlock.find(in: sheet, start: headerIndex, depth: 4, required: 1...28, lastHeaderRow: { _ in false })
        } catch let problem as RowProblem {
            rejectAll(sheet, from: headerIndex, problem: problem, context: context, into: &result)
            return
        } catch { return }
        let titleRows = Array(sheet.rows[..<headerIndex])
        for row in titleRows { result.structure(row, file: file, row.isBlank ? "baris kosong" : "judul laporan") }
        for row in sheet.rows[headerIndex..<header.dataStart] { result.structure(row, file: file, "judul kolom") }
        guard let year = ImportYear.decide(context: context, titles: titleRows, header: [], result: &result) else {
            rejectAll(sheet, from: header.dataStart, problem: ImportYear.missing, context: context, into: &result, headerAlreadyCounted: true)
            return
        }
        let title = ImportAgency.fromTitles(titleRows)
        var agency: (code: String, name: String)?
        var levelNames = ["", "", "", ""]
        for row in sheet.rows[header.dataStart...] {
            if row.isBlank { result.structure(row, file: file, "baris kosong"); continue }
            for (level, columns) in Number.levels.enumerated() {
                let name = row[header.column(columns.name)]
                if !name.isEmpty {
                    levelNames[level] = name
                    for deeper in (level + 1)..<4 { levelNames[deeper] = "" }
                }
            }
            guard let level = Number.levels.indices.last(where: { !row[header.column(Number.levels[$0].indicator)].isEmpty }) else {
                result.structure(row, file: file, "baris hierarki tanpa indikator")
                continue
            }
            if agency == nil {
                agency = context.agency(name: title.name ?? "", printedCode: title.code, line: row.line, sheet: &result)
            }
            do {
                let made = try readRow(row, level: level, header: header, year: year, agency: agency!,
                                       levelNames: levelNames, context: &context, result: &result)
                result.imported(made, from: row, file: file, "\(made.count) indikator RHK level \(level + 1)")
            } catch {
                result.reject(row, file: file, for: error)
            }
        }
    }

    private func readRow(_ row: ReportSheet.Row, level: Int, header: HeaderBlock, year: Int, agency: (code: String, name: String),
                         levelNames: [String], context: inout SheetContext, result: inout ImportedSheet) throws -> [ImportedIndicator] {
        let names = MeasuredValue.lines(row[header.column(Number.levels[level].indicator)])
        let count = names.count
        func values(_ number: Int) throws -> [MeasuredValue] {
            try alignedParts(row[header.column(number)], count: count, column: "\(number)")
                .map { try context.value($0, column: "\(number)", line: row.line) }
        }
        let units = try alignedParts(row[header.column(Number.unit)], count: count, column: "\(Number.unit)", broadcast: true)
        let annual = try values(Number.annual)
        let quarterTargets = try Number.quarterTargets.map { try values($0) }
        let actuals = try Number.actuals.map { try values($0) }
        // "95.5 (Tren Positif)": the number, then the app's formula in words.
        let capaianCells = try alignedParts(row[header.column(Number.capaian)], count: count, column: "\(Number.capaian)")
        let budget = try context.value(row[header.column(Number.budget)], column: "\(Number.budget)", line: row.line).value

        var made: [ImportedIndicator] = []
        for index in 0..<count {
            let base = "\(ExportLayout.actionPlan.codePrefix)-\(String(format: "%03d", result.indicators.count + made.count + 1))"
            var indicator = ImportedIndicator(year: year, agencyCode: agency.code, agencyName: agency.name,
                                              code: context.uniqueCode(base, agency: agency.code), name: names[index], line: row.line)
            indicator.objective = levelNames[0]
            indicator.unit = units[index]
            indicator.annualTarget = annual[index].value
            for quarter in 0..<4 {
                indicator.quarterTargets[quarter] = quarterTargets[quarter][index].value
                indicator.actuals[quarter] = actuals[quarter][index].value
            }
            if index == 0 { indicator.budgetCeiling = budget }
            indicator.note = "RHK level \(level + 1): \(levelNames[level])"
            let cell = capaianCells[index]
            let numberText = cell.split(separator: "(").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            let words = looseText(cell)
            let hintPolarity: Polarity? = words.contains("tren positif") ? .positive : words.contains("tren negatif") ? .negative : nil
            let hintAggregation: Aggregation? = words.contains("nilai akhir") ? .last : nil
            var capaianInput: (ExactDecimal, ExactDecimal, ExactDecimal?)?
            if let shown = try context.value(numberText, column: "\(Number.capaian)", line: row.line).value, let goal = annual[index].value {
                capaianInput = (shown, goal, nil)
            }
            PolarityInference.settle(&indicator, yearly: nil, capaian: capaianInput, hintPolarity: hintPolarity,
                                     hintAggregation: hintAggregation, sheet: &result, file: context.file)
            made.append(indicator)
        }
        if !row[header.column(Number.budgetActual)].isEmpty {
            result.remark(row.line, file: context.file, level: .info, code: "realisasi-pagu-tahunan", indicator: made.first?.code ?? "",
                          "realisasi pagu (kolom 26) hanya ada untuk setahun, tidak per triwulan; tidak diimpor.")
        }
        return made
    }
}
