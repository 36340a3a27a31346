extension LoadSession {
    /// Reads a row of the long form: one quarter's realisation (and budget) of one indicator.
    mutating func readLongActualRow(_ record: CSVRecord, _ context: FileContext) throws {
        guard let index = try indicatorInScope(record, context) else { return }
        if try readMonthRow(record, into: index, context) { return }
        let quarterText = record[context.header[.quarter]!]
        guard let quarter = TermParsing.quarter(quarterText) else {
            throw RowRejection(column: .quarter, code: "triwulan-tidak-dikenal",
                               message: "Triwulan '\(TextDecoding.string(from: NumberParser.trimmed(quarterText)))' tidak dikenal. "
                                   + "Tulis 1–4, I–IV, TW1–TW4, 'Triwulan 1' atau Q1–Q4.")
        }
        let value = try actualValue(record, .actual, gradeScale: dataset.indicators[index].gradeScale, context)
        let budget = try context.number(record, .budgetActual)
        if let asOf = options.asOf, quarter > asOf {
            context.summary.rowsOutOfScope += 1
            return
        }
        try foldBudget(budget, quarter: quarter, into: index, record, context)
        try fold(value, quarter: quarter, into: index, record, context)
        keepWords(record, quarter: quarter, into: index, context)
    }

    /// Reads a row of the wide form: realisasi_tw1 … realisasi_tw4 of one indicator.
    mutating func readWideActualRow(_ record: CSVRecord, _ context: FileContext) throws {
        guard let index = try indicatorInScope(record, context) else { return }
        let scale = dataset.indicators[index].gradeScale
        let values = try Quarterly(byQuarter: { try actualValue(record, .quarterActual($0), gradeScale: scale, context) })
        try foldActuals(values, into: index, record, context)
        keepWords(record, quarter: latestQuarter(of: values), into: index, context)
    }

    /// The quarter a wide row's keterangan speaks of: the latest it reports up to --as-of, or
    /// the latest in scope when it reports none.
    func latestQuarter(of values: Quarterly<ExactDecimal?>) -> Quarter {
        let inScope = Quarter.allCases.filter { $0 <= options.asOf ?? .tw4 }
        return inScope.last { values[$0.index] != nil } ?? inScope.last ?? .tw1
    }

    /// Keeps the OPD's words of a row that was used: its keterangan for `quarter` (the first
    /// row's, when a quarter is reported twice) and penanggung_jawab while the indicator has none.
    mutating func keepWords(_ record: CSVRecord, quarter: Quarter?, into index: Int, _ context: FileContext) {
        if let quarter, let field = context.header[.note], !NumberParser.trimmed(record[field]).isEmpty,
           dataset.indicators[index].notes[quarter.index].isEmpty {
            let words = text(record, .note, intern: false, context)
            dataset.indicators[index].notes[quarter.index] = words
        }
        if let field = context.header[.responsible], !NumberParser.trimmed(record[field]).isEmpty,
           dataset.indicators[index].responsible.isEmpty {
            dataset.indicators[index].responsible = text(record, .responsible, intern: true, context)
        }
    }

    /// Keeps the words of a month row: every month's keterangan goes into its quarter's, named
    /// by its month ("Februari: …; Maret: …"), so none is lost when a quarter folds three rows.
    mutating func keepMonthWords(_ record: CSVRecord, _ month: Month, into index: Int, _ context: FileContext) {
        let quarter = month.quarter.index
        if let field = context.header[.note], !NumberParser.trimmed(record[field]).isEmpty {
            let words = month.label + ": " + string(record, .note, context)
            let earlier = dataset.indicators[index].notes[quarter]
            dataset.indicators[index].notes[quarter] = dataset.text.append(earlier.isEmpty ? words : dataset.text.string(earlier) + "; " + words)
        }
        keepWords(record, quarter: nil, into: index, context)
    }

    /// The indicator a realisation row refers to, or `nil` for a row of a year not loaded,
    /// which is counted as out of scope.
    private mutating func indicatorInScope(_ record: CSVRecord, _ context: FileContext) throws -> Int? {
        let year = try context.year(record)
        if !options.loads(year: year) {
            context.summary.rowsOutOfScope += 1
            return nil
        }
        let pemda = try pemdaCode(record, context)
        if let pemda, isOutsidePemdaSelection(pemda) {
            context.summary.rowsOutOfScope += 1
            context.rowsOfOtherPemda += 1
            return nil
        }
        return try indicator(for: record, year: year, pemda: pemda, context)
    }

    /// A realisation cell: a number, or for a grade indicator a grade of its scale (its rank).
    // `mutating` only so that calling it does not copy the whole session once per row.
    mutating func actualValue(_ record: CSVRecord, _ column: Column, gradeScale: Int?, _ context: FileContext) throws
        -> ExactDecimal? {
        guard let scaleIndex = gradeScale else { return try context.number(record, column) }
        guard let field = context.header[column] else { return nil }
        let bytes = NumberParser.trimmed(record[field])
        if case .absent = NumberParser.parse(bytes, convention: context.convention) { return nil }
        let scale = options.gradeScales[scaleIndex]
        let text = TextDecoding.string(from: bytes)
        guard let rank = scale.rank(of: text) else {
            throw RowRejection(column: column, code: "predikat-tidak-dikenal",
                               message: "Predikat '\(text)' tidak dikenal pada skala \(scale.name); yang dibolehkan: \(scale.allowedList).")
        }
        return ExactDecimal(rank)
    }

    // MARK: Folding realisations

    /// Puts a row's realisations of the quarters (and of the months, in a monthly export) up
    /// to --as-of into their slots; the first that conflicts rejects the row, after the others
    /// have been put in place.
    mutating func foldActuals(_ values: Quarterly<ExactDecimal?>, into index: Int, _ record: CSVRecord,
                              _ context: FileContext) throws {
        var firstRejection = foldMonthCells(record, into: index, context)
        for quarter in Quarter.allCases {
            if let asOf = options.asOf, quarter > asOf { continue }
            do {
                try fold(values[quarter.index], quarter: quarter, into: index, record, context)
            } catch let rejection as RowRejection {
                firstRejection = firstRejection ?? rejection
            }
        }
        if let firstRejection { throw firstRejection }
    }

    /// Puts one quarter's realisation into its slot. A second, different value for the same
    /// quarter makes the slot conflicting: no value is picked and the row is rejected.
    private mutating func fold(_ value: ExactDecimal?, quarter: Quarter, into index: Int, _ record: CSVRecord,
                               _ context: FileContext) throws {
        guard let value else { return }
        let column: Column = context.header.has(.quarterActual(quarter)) ? .quarterActual(quarter) : .actual
        try rejectQuarterReportedByMonth(quarter, of: index, column: column, record, context)
        switch dataset.indicators[index].actuals[quarter.index] {
        case .unreported:
            dataset.indicators[index].actuals[quarter.index] = .reported(value, line: Int32(record.line))
            noteFirstReport(of: index, quarter, context)
        case .reported(let earlier, let line):
            let first = firstReportPlace(of: index, quarter, line: line, context)
            if earlier == value {
                note(.warning, context.file.name, record.line, context.header.name(of: column), "realisasi-ganda",
                     "Realisasi \(quarter.label) sudah tercatat pada \(first) dengan nilai sama; dipakai sekali.")
                return
            }
            dataset.indicators[index].actuals[quarter.index] = .conflicting(firstLine: line)
            // "baris 2 … baris ini" in one file; across files both are named.
            let here = first.hasPrefix("baris") ? "baris ini" : "\(context.file.name) baris \(record.line) berisi"
            throw RowRejection(column: column, code: "realisasi-bertentangan",
                               message: "Realisasi \(quarter.label) bertentangan: \(first) berisi \(earlier), \(here) \(value). "
                                   + "Tidak ada yang dipilih; periode yang memuat \(quarter.label) dikosongkan. Hapus salah satu baris.")
        case .conflicting(let line):
            throw RowRejection(column: column, code: "realisasi-bertentangan",
                               message: "Realisasi \(quarter.label) sudah bertentangan (lihat \(firstReportPlace(of: index, quarter, line: line, context))); "
                                   + "baris ini juga ditolak. Sisakan satu baris untuk triwulan ini.")
        }
    }

    /// Puts one quarter's budget realisation in place; a different second value is rejected.
    private mutating func foldBudget(_ value: ExactDecimal?, quarter: Quarter, into index: Int, _ record: CSVRecord,
                                     _ context: FileContext) throws {
        guard let value else { return }
        try rejectQuarterBudgetReportedByMonth(quarter, of: index, context)
        if let earlier = dataset.indicators[index].budgetActuals[quarter.index], earlier != value {
            throw RowRejection(column: .budgetActual, code: "anggaran-bertentangan",
                               message: "Realisasi anggaran \(quarter.label) sudah tercatat \(earlier), baris ini \(value). "
                                   + "Sisakan satu nilai untuk triwulan ini.")
        }
        dataset.indicators[index].budgetActuals[quarter.index] = value
    }
}
