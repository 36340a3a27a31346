import Foundation

/// Reads form E.81 (evaluasi hasil Renja Perangkat Daerah) in both of its field layouts: the
/// standard 25-column K/Rp form and the 39-column SIPD form with Volume/Satuan/Rp.
struct E81Reader {
    let sipd: Bool

    /// Columns of the standard form, by the number the form prints above them.
    private struct Standard {
        static let sasaran = 2, program = 3, indicator = 4, renstra = 5, target = 7, yearly = 12
        static let renstraToDate = 13, capaian = 14, agency = 15
    }

    /// Columns of the SIPD form (its numbering starts at 0 with Tujuan).
    private struct SIPD {
        static let sasaran = 1, code = 2, name = 3, indicator = 4, renstra = 5, target = 7, yearly = 12
        static let capaian = 13, agency = 16, note = 17
    }

    func read(_ sheet: ReportSheet, headerIndex: Int, context: inout SheetContext, into result: inout ImportedSheet) {
        let file = context.file
        let required = sipd ? 0...17 : 1...15
        let header: HeaderBlock
        do {
            header = try HeaderBlock.find(in: sheet, start: headerIndex, depth: 5, required: required, lastHeaderRow: isUnitRow)
        } catch let problem as RowProblem {
            rejectAll(sheet, from: headerIndex, problem: problem, context: context, into: &result)
            return
        } catch { return }

        let titleRows = sheet.rows[..<headerIndex]
        for row in titleRows { result.structure(row, file: file, row.isBlank ? "baris kosong" : "judul laporan") }
        for row in sheet.rows[headerIndex..<header.dataStart] { result.structure(row, file: file, "judul kolom") }

        guard let year = ImportYear.decide(context: context, titles: Array(titleRows),
                                           header: Array(sheet.rows[headerIndex..<header.dataStart]), result: &result) else {
            rejectAll(sheet, from: header.dataStart, problem: ImportYear.missing, context: context, into: &result, headerAlreadyCounted: true)
            return
        }

        var sasaran = ""
        var program = ""
        var budgetHolders = BudgetHolders()
        var hierarchy = HierarchyTracker()
        var footer = false
        var agency: (code: String, name: String)?
        for row in sheet.rows[header.dataStart...] {
            if footer { result.structure(row, file: file, "kaki laporan"); continue }
            if row.isBlank { result.structure(row, file: file, "baris kosong"); continue }
            let opening = looseText(row.firstText)
            if footerOpenings.contains(where: { opening.hasPrefix($0) }) && row[header.column(sipd ? SIPD.indicator : Standard.indicator)].isEmpty {
                footer = !opening.hasPrefix("jumlah") && !opening.hasPrefix("total")
                result.structure(row, file: file, footer ? "kaki laporan" : "baris jumlah")
                continue
            }
            let sasaranCell = row[header.column(sipd ? SIPD.sasaran : Standard.sasaran)]
            if !sasaranCell.isEmpty { sasaran = sasaranCell }
            let nameColumn = header.column(sipd ? SIPD.name : Standard.program)
            let nameCell = row[nameColumn]
            let indicatorCell = row[header.column(sipd ? SIPD.indicator : Standard.indicator)]
            if sipd {
                if !nameCell.isEmpty || !row[header.column(SIPD.code)].isEmpty {
                    hierarchy.enter(name: nameCell, code: row[header.column(SIPD.code)], rank: nil)
                }
            } else if !nameCell.isEmpty {
                let printed = Self.splitCode(row, header: header)
                let indent = row.indent(nameColumn)
                hierarchy.enter(name: nameCell, code: printed.isEmpty ? Self.leadingCode(nameCell) : printed,
                                rank: HierarchyTracker.rank(fromNumber: row[header.column(1)]) ?? (indent > 0 ? min(indent, 3) : nil))
            } else if !sasaranCell.isEmpty && !indicatorCell.isEmpty && Int(row[header.column(1)]) != nil {
                // emonev's sasaran rows: a number, the sasaran and its first indicator, no program.
                hierarchy.enter(name: sasaranCell, code: "", rank: 0)
                program = ""
            }
            if !nameCell.isEmpty { program = nameCell }
            if sipd && indicatorCell.isEmpty && nameCell.isEmpty && row[header.column(SIPD.code)].isEmpty {
                // wp-sipd's tfoot: the OPD's pagu and realisasi totals under no code or name.
                result.structure(row, file: file, "baris jumlah")
                continue
            }
            guard !indicatorCell.isEmpty else {
                // Figures under no indicator name: a merged name cell (e-monev-utara merges the
                // name over a group) or a hand edit. Never dropped silently.
                let figures = (7...11).contains { number in
                    let cell = row[header.column(number)]
                    return !cell.isEmpty && cell != "0" && cell != "-"
                }
                if figures {
                    result.reject(row.line, file: file, code: "indikator-kosong",
                                  "baris berisi target/realisasi tetapi kolom indikator kosong (sel nama yang digabung tidak tersimpan di CSV); "
                                      + "tulis nama indikatornya di kolom indikator lalu impor ulang.")
                    continue
                }
                result.structure(row, file: file, "baris hierarki (program/kegiatan/sasaran) tanpa indikator")
                continue
            }
            if agency == nil {
                let name = row[header.column(sipd ? SIPD.agency : Standard.agency)]
                let fromTitle = ImportAgency.fromTitles(Array(titleRows))
                agency = context.agency(name: name.isEmpty ? (fromTitle.name ?? "") : name,
                                        printedCode: fromTitle.code, line: row.line, sheet: &result)
            }
            do {
                let indicators = try sipd
                    ? readSIPDRow(row, header: header, year: year, agency: agency!, sasaran: sasaran, scope: hierarchy.current,
                                  budgetHolders: &budgetHolders, context: &context, result: &result)
                    : readStandardRow(row, header: header, year: year, agency: agency!, sasaran: sasaran, program: program,
                                      scope: hierarchy.current, budgetHolders: &budgetHolders, context: &context, result: &result)
                result.imported(indicators, from: row, file: file, "\(indicators.count) indikator")
            } catch {
                result.reject(row, file: file, for: error)
            }
        }
    }

    private func readStandardRow(_ row: ReportSheet.Row, header: HeaderBlock, year: Int, agency: (code: String, name: String),
                                 sasaran: String, program: String, scope: BudgetScope?, budgetHolders: inout BudgetHolders,
                                 context: inout SheetContext, result: inout ImportedSheet) throws -> [ImportedIndicator] {
        var names = MeasuredValue.lines(row[header.column(Standard.indicator)])
        let count = names.count
        func parts(_ number: Int, money: Bool = false) throws -> [MeasuredValue] {
            let column = header.column(number) + (money ? 1 : 0)
            let label = "\(number) \(money ? "Rp" : "K")"
            return try alignedParts(row[column], count: count, column: label, broadcast: false, allowFewer: false)
                .map { try context.value($0, column: label, line: row.line) }
        }
        func moneyParts(_ number: Int) throws -> [MeasuredValue] {
            let column = header.column(number) + 1
            let cell = row[column]
            if MeasuredValue.lines(cell).count == 1 && count > 1 {
                let single = try context.value(cell, column: "\(number) Rp", line: row.line)
                return [single] + Array(repeating: MeasuredValue(value: nil, unit: nil, text: ""), count: count - 1)
            }
            return try parts(number, money: true)
        }
        let renstra = try parts(Standard.renstra)
        var target = try parts(Standard.target)
        var fromName: [Int] = []
        for index in 0..<count where target[index].value == nil {
            // sira writes a program's outcomes as "Tolak ukur : 80%", the target in the name.
            if let (name, value) = Self.targetInName(names[index], context: context) {
                names[index] = name
                target[index] = value
                fromName.append(index)
            }
        }
        var pagu = try moneyParts(Standard.target)
        let quarters = try (8...11).map { try parts($0) }
        var quarterMoney = try (8...11).map { try moneyParts($0) }
        let yearly = try parts(Standard.yearly)
        let toDate = try parts(Standard.renstraToDate)
        let capaian = try parts(Standard.capaian)
        // Only a row read whole may hold its scope's budget: a rejected row must not keep the
        // money of the rows below it out.
        let decisions = BudgetDecisions(ceiling: budgetHolders.decide(.ceiling, amounts: pagu.map(\.value), scope: scope),
                                        actual: budgetHolders.decide(.actual, amounts: quarterMoney.joined().map(\.value), scope: scope),
                                        carriedCeiling: pagu.contains { $0.value.map { !$0.isZero } ?? false },
                                        carriedActual: quarterMoney.joined().contains { $0.value.map { !$0.isZero } ?? false })
        let none = MeasuredValue(value: nil, unit: nil, text: "")
        if decisions.dropsCeiling { pagu = Array(repeating: none, count: count) }
        if decisions.dropsActual { quarterMoney = Array(repeating: Array(repeating: none, count: count), count: 4) }

        var made: [ImportedIndicator] = []
        for index in 0..<count {
            let base = "\(ExportLayout.e81.codePrefix)-\(String(format: "%03d", result.indicators.count + made.count + 1))"
            var indicator = ImportedIndicator(year: year, agencyCode: agency.code, agencyName: agency.name,
                                              code: context.uniqueCode(base, agency: agency.code), name: names[index], line: row.line)
            indicator.objective = sasaran
            indicator.unit = [target[index], renstra[index], quarters[0][index]].compactMap(\.unit).first ?? ""
            indicator.annualTarget = target[index].value
            indicator.renstraTarget = renstra[index].value
            indicator.budgetCeiling = pagu[index].value
            for quarter in 0..<4 {
                indicator.actuals[quarter] = quarters[quarter][index].value
                indicator.budgetActuals[quarter] = quarterMoney[quarter][index].value
            }
            if !program.isEmpty { indicator.note = "program/kegiatan: \(program)" }
            dropTrailingZeroQuarters(&indicator, sheet: &result, file: context.file)
            if indicator.actuals.allSatisfy({ $0 == nil }), let total = yearly[index].value, !total.isZero {
                result.remark(row.line, file: context.file, level: .warning, code: "realisasi-triwulan-kosong", indicator: indicator.code,
                              "realisasi per triwulan kosong, tetapi kolom 12 berisi \(total); nilai tahunan itu tidak diimpor. Isi realisasi per triwulan di realisasi.csv.")
            }
            var capaianInput: (ExactDecimal, ExactDecimal, ExactDecimal?)?
            if let shown = capaian[index].value, let end = renstra[index].value, let actual = toDate[index].value {
                capaianInput = (shown, end, actual)
                if let year = yearly[index].value, year != actual {
                    // emonev adds the realisations of earlier Renstra years (column 6).
                    result.remark(row.line, file: context.file, level: .info, code: "capaian-renstra-kumulatif", indicator: indicator.code,
                                  "kolom 14 ekspor (\(shown)) membagi realisasi kumulatif Renstra (kolom 13 = 6 + 12: \(actual)) dengan target Renstra; "
                                      + "capaian_renstra lakip memakai realisasi tahun ini saja (kolom 12: \(year)), jadi angkanya berbeda.")
                }
            }
            if fromName.contains(index) {
                result.remark(row.line, file: context.file, level: .info, code: "target-dari-nama", indicator: indicator.code,
                              "kolom 7 K kosong; target \(target[index].text) dibaca dari teks indikator ('\(names[index]) : …').")
            }
            PolarityInference.settle(&indicator, yearly: yearly[index].value, capaian: capaianInput, sheet: &result, file: context.file)
            made.append(indicator)
        }
        decisions.remark(scope: scope, line: row.line, indicator: made[0].code, file: context.file, into: &result)
        if !decisions.dropsCeiling && count > 1 && pagu.first?.value != nil && MeasuredValue.lines(row[header.column(Standard.target) + 1]).count == 1 {
            result.remark(row.line, file: context.file, level: .info, code: "anggaran-indikator-pertama", indicator: made[0].code,
                          "pagu dan realisasi anggaran baris ini dicatat pada indikator pertama saja, agar tidak terhitung ganda.")
        }
        return made
    }

    /// The code the standard form prints before a program or kegiatan name (`1.02.02` of
    /// "1.02.02 Program Pemenuhan …"); empty when the name has none.
    static func leadingCode(_ name: String) -> String {
        guard let first = name.split(whereSeparator: { $0 == " " || $0 == "\t" }).first else { return "" }
        let parts = first.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isNumber || $0.isLetter) } }),
              parts[0].allSatisfy(\.isNumber) else { return "" }
        return String(first)
    }

    /// The code of a form that splits it over the cells under column (1) (urusan, bidang,
    /// program, kegiatan), joined with points; empty when column (1) is a single cell.
    static func splitCode(_ row: ReportSheet.Row, header: HeaderBlock) -> String {
        let first = header.column(1), next = header.column(2)
        guard first >= 0, next > first + 1 else { return "" }
        let parts = (first..<next).map { row[$0].trimmingCharacters(in: CharacterSet(charactersIn: ".")) }.filter { !$0.isEmpty }
        guard parts.count >= 2, parts.allSatisfy({ $0.allSatisfy { $0.isNumber || $0 == "." || $0.isLetter } }) else { return "" }
        return parts.joined(separator: ".")
    }

    /// A target written into the indicator's text, "Cakupan pelayanan : 80%": the name and the
    /// value, when the text after the last colon is a value.
    static func targetInName(_ text: String, context: SheetContext) -> (String, MeasuredValue)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces)
        let tail = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, tail.first?.isNumber == true,
              let value = try? MeasuredValue.parse(tail, convention: context.convention), value.value != nil else { return nil }
        return (name, value)
    }

    /// Program, kegiatan or sub kegiatan, by the depth of the code (`1.02.02`, `1.02.02.2.01`,
    /// `1.02.02.2.01.0001`).
    static func levelName(of code: String) -> String {
        let depth = code.split(separator: ".").count
        return depth <= 3 ? "program" : depth <= 5 ? "kegiatan" : "sub kegiatan"
    }

    private func readSIPDRow(_ row: ReportSheet.Row, header: HeaderBlock, year: Int, agency: (code: String, name: String),
                             sasaran: String, scope: BudgetScope?, budgetHolders: inout BudgetHolders, context: inout SheetContext,
                             result: inout ImportedSheet) throws -> [ImportedIndicator] {
        let names = MeasuredValue.lines(row[header.column(SIPD.indicator)])
        let count = names.count
        let code = row[header.column(SIPD.code)]
        let levelName = Self.levelName(of: code)
        func volume(_ number: Int) throws -> [MeasuredValue] {
            let label = "\(number) Volume"
            return try alignedParts(row[header.column(number)], count: count, column: label)
                .map { try context.value($0, column: label, line: row.line) }
        }
        func units(_ number: Int) throws -> [String] {
            try alignedParts(row[header.column(number) + 1], count: count, column: "\(number) Satuan", broadcast: true)
        }
        func money(_ number: Int, offset: Int = 2) throws -> ExactDecimal? {
            try context.value(row[header.column(number) + offset], column: "\(number) Rp", line: row.line).value
        }
        let target = try volume(SIPD.target)
        let unit = try units(SIPD.target)
        let renstra = try volume(SIPD.renstra)
        let quarters = try (8...11).map { try volume($0) }
        let yearly = try volume(SIPD.yearly)
        let capaianLabel = "\(SIPD.capaian) K"
        let capaian = try alignedParts(row[header.column(SIPD.capaian)], count: count, column: capaianLabel)
            .map { try context.value($0, column: capaianLabel, line: row.line) }
        let notes = try alignedParts(row[header.column(SIPD.note)], count: count, column: "\(SIPD.note)", allowFewer: true)
        // A program's pagu is the sum of its kegiatan, a kegiatan's of its sub kegiatan: the
        // budget is taken from the highest row that carries it, never again below it.
        var pagu = try money(SIPD.target)
        var quarterMoney = try (8...11).map { try money($0) }
        let decisions = BudgetDecisions(ceiling: budgetHolders.decide(.ceiling, amounts: [pagu], scope: scope),
                                        actual: budgetHolders.decide(.actual, amounts: quarterMoney, scope: scope),
                                        carriedCeiling: pagu.map { !$0.isZero } ?? false,
                                        carriedActual: quarterMoney.contains { $0.map { !$0.isZero } ?? false })
        if decisions.dropsCeiling { pagu = nil }
        if decisions.dropsActual { quarterMoney = [nil, nil, nil, nil] }

        var made: [ImportedIndicator] = []
        for index in 0..<count {
            let base = code.isEmpty ? "\(ExportLayout.e81SIPD.codePrefix)-\(result.indicators.count + index + 1)" : "\(code)-\(index + 1)"
            var indicator = ImportedIndicator(year: year, agencyCode: agency.code, agencyName: agency.name,
                                              code: context.uniqueCode(base, agency: agency.code), name: names[index], line: row.line)
            indicator.objective = sasaran
            indicator.unit = unit[index].isEmpty ? (target[index].unit ?? "") : unit[index]
            indicator.annualTarget = target[index].value
            indicator.renstraTarget = renstra[index].value
            for quarter in 0..<4 { indicator.actuals[quarter] = quarters[quarter][index].value }
            if index == 0 {
                indicator.budgetCeiling = pagu
                for quarter in 0..<4 { indicator.budgetActuals[quarter] = quarterMoney[quarter] }
            }
            indicator.note = ([levelName + " " + code] + (notes[index].isEmpty ? [] : [notes[index]])).joined(separator: "; ")
            dropTrailingZeroQuarters(&indicator, sheet: &result, file: context.file)
            var capaianInput: (ExactDecimal, ExactDecimal, ExactDecimal?)?
            if let shown = capaian[index].value, let goal = target[index].value, let actual = yearly[index].value {
                capaianInput = (shown, goal, actual)
            }
            PolarityInference.settle(&indicator, yearly: yearly[index].value, capaian: capaianInput, sheet: &result, file: context.file)
            made.append(indicator)
        }
        decisions.remark(scope: scope, line: row.line, indicator: made[0].code, file: context.file, into: &result)
        if pagu != nil || quarterMoney.contains(where: { $0 != nil }) {
            if count > 1 {
                result.remark(row.line, file: context.file, level: .info, code: "anggaran-indikator-pertama", indicator: made[0].code,
                              "pagu dan realisasi anggaran \(levelName) ini dicatat pada indikator pertama saja, agar tidak terhitung ganda.")
            }
        }
        return made
    }
}

/// Every row from `start` on listed as rejected, because the sheet as a whole cannot be read.
func rejectAll(_ sheet: ReportSheet, from start: Int, problem: RowProblem, context: SheetContext,
               into result: inout ImportedSheet, headerAlreadyCounted: Bool = false) {
    if !headerAlreadyCounted {
        for row in sheet.rows[..<start] { result.structure(row, file: context.file, row.isBlank ? "baris kosong" : "judul laporan") }
    }
    for row in sheet.rows[start...] {
        result.reject(row.line, file: context.file, code: problem.code,
                      "\(problem.message) (baris ini tidak dapat dibaca tanpanya)")
    }
}
