/// Monthly realisations (SPEC §8): a `bulan` row of the long form, or the realisasi_jan …
/// realisasi_des cells of a wide row. Months are kept in ``LoadSession/monthly`` while the
/// files are read and folded into their quarters by ``foldMonthlyActuals()`` when every file
/// is in.
///
/// A quarter is reported either by quarter or by month, never both: whichever comes second
/// (a later row, a later file) is rejected, and the quarter is conflicting, so nothing is picked.
extension LoadSession {
    // MARK: Rows

    /// Reads a long row that names a month: returns `false` when the row is a quarter row (the
    /// file has no bulan column, or bulan is empty beside a triwulan column), for the caller
    /// to read as before.
    ///
    /// In a file with both columns, bulan decides when it is filled, and a filled triwulan must
    /// be the month's quarter: exports that write both are common, and a mismatch is a typo
    /// that no reading can settle.
    mutating func readMonthRow(_ record: CSVRecord, into index: Int, _ context: FileContext) throws -> Bool {
        guard let field = context.header[.month] else { return false }
        let monthText = NumberParser.trimmed(record[field])
        let quarterText = NumberParser.trimmed(record[context.header[.quarter] ?? -1])
        if monthText.isEmpty && context.header.has(.quarter) {
            guard quarterText.isEmpty else { return false }
            throw RowRejection(column: .month, code: "bulan-tidak-dikenal",
                               message: "Bulan dan triwulan kosong. Isi bulan (\(TermParsing.monthSpellings)) atau triwulan (1–4).")
        }
        guard let month = TermParsing.month(monthText) else {
            let shown = TextDecoding.string(from: monthText)
            throw RowRejection(column: .month, code: "bulan-tidak-dikenal",
                               message: (shown.isEmpty ? "Bulan kosong." : "Bulan '\(shown)' tidak dikenal.")
                                   + " Tulis \(TermParsing.monthSpellings).")
        }
        if !quarterText.isEmpty, TermParsing.quarter(quarterText) != month.quarter {
            throw RowRejection(column: .quarter, code: "bulan-triwulan-tidak-cocok",
                               message: "Bulan \(month.label) termasuk \(month.quarter.label), tetapi kolom triwulan berisi "
                                   + "'\(TextDecoding.string(from: quarterText))'. Tulis \(month.quarter.label) atau kosongkan triwulan.")
        }
        let value = try actualValue(record, .actual, gradeScale: dataset.indicators[index].gradeScale, context)
        let budget = try context.number(record, .budgetActual)
        if let asOf = options.asOf, month.quarter > asOf {
            context.summary.rowsOutOfScope += 1
            return true
        }
        try checkMonthBudget(budget, month, of: index, record, context)
        try foldMonth(value, month, column: .actual, into: index, record, context)
        if let budget {
            monthly[index].budgets[month.index] = (budget, MonthlyActuals.Place(file: context.index, line: Int32(record.line)))
        }
        keepMonthWords(record, month, into: index, context)
        return true
    }

    /// Reads the realisasi_jan … realisasi_des cells of a wide or combined row, up to --as-of.
    ///
    /// - Returns: the first month that was rejected, after the others have been put in place;
    ///   the caller rejects the row once its quarter cells are in place too.
    mutating func foldMonthCells(_ record: CSVRecord, into index: Int, _ context: FileContext) -> RowRejection? {
        guard context.header.hasWideMonthColumns else { return nil }
        let scale = dataset.indicators[index].gradeScale
        var values: [ExactDecimal?] = []
        do {
            // Every cell is read first, so that an unreadable one rejects the row before any is kept.
            for month in Month.allCases { values.append(try actualValue(record, .monthActual(month), gradeScale: scale, context)) }
        } catch let rejection as RowRejection {
            return rejection
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        var firstRejection: RowRejection?
        for month in Month.allCases {
            if let asOf = options.asOf, month.quarter > asOf {
                if values[month.index] != nil { context.monthValuesAfterAsOf += 1 }
                continue
            }
            do {
                try foldMonth(values[month.index], month, column: .monthActual(month), into: index, record, context)
            } catch let rejection as RowRejection {
                firstRejection = firstRejection ?? rejection
            } catch {
                preconditionFailure("unexpected error \(error)")
            }
        }
        return firstRejection
    }

    // MARK: Checks against quarter values

    /// Rejects a quarter value for a quarter that months already report, and marks the quarter
    /// conflicting. Called before a quarter value is folded.
    mutating func rejectQuarterReportedByMonth(_ quarter: Quarter, of index: Int, column: Column, _ record: CSVRecord,
                                              _ context: FileContext) throws {
        guard !monthly.isEmpty, case .unreported = dataset.indicators[index].actuals[quarter.index],
              let first = monthly[index].firstReports[quarter.index] else { return }
        dataset.indicators[index].actuals[quarter.index] = .conflicting(firstLine: first.line)
        throw RowRejection(column: column, code: "bulan-triwulan-bertentangan",
                           message: "Realisasi \(quarter.label) sudah dilaporkan per bulan (\(placeText(first, context))); "
                               + "nilai per triwulan di baris ini bertentangan dengannya. Tidak ada yang dipilih; periode yang memuat "
                               + "\(quarter.label) dikosongkan. Laporkan satu triwulan per bulan atau per triwulan, tidak keduanya.")
    }

    /// Rejects a quarter's budget realisation when months of that quarter already have one.
    func rejectQuarterBudgetReportedByMonth(_ quarter: Quarter, of index: Int, _ context: FileContext) throws {
        guard !monthly.isEmpty, let first = monthly[index].firstBudget(in: quarter) else { return }
        throw RowRejection(column: .budgetActual, code: "anggaran-bertentangan",
                           message: "Realisasi anggaran \(quarter.label) sudah dilaporkan per bulan (\(first.month.label), "
                               + "\(placeText(first.place, context))); baris triwulan ini bertentangan dengannya. Laporkan anggaran "
                               + "satu triwulan per bulan atau per triwulan, tidak keduanya.")
    }

    // MARK: Folding months

    /// Puts one month's realisation into its slot. A second, different value for the month
    /// makes it conflicting; a quarter value of the same quarter conflicts with any month.
    private mutating func foldMonth(_ value: ExactDecimal?, _ month: Month, column: Column, into index: Int,
                                    _ record: CSVRecord, _ context: FileContext) throws {
        guard let value else { return }
        let quarter = month.quarter
        let here = MonthlyActuals.Place(file: context.index, line: Int32(record.line))
        switch dataset.indicators[index].actuals[quarter.index] {
        case .unreported:
            break
        case .reported(let quarterValue, let line):
            dataset.indicators[index].actuals[quarter.index] = .conflicting(firstLine: line)
            throw RowRejection(column: column, code: "bulan-triwulan-bertentangan",
                               message: "Realisasi \(quarter.label) sudah dilaporkan per triwulan "
                                   + "(\(firstReportPlace(of: index, quarter, line: line, context)) berisi \(quarterValue)); realisasi "
                                   + "\(month.label) di baris ini bertentangan dengannya. Tidak ada yang dipilih; periode yang memuat "
                                   + "\(quarter.label) dikosongkan. Laporkan satu triwulan per bulan atau per triwulan, tidak keduanya.")
        case .conflicting(let line):
            throw RowRejection(column: column, code: "realisasi-bertentangan",
                               message: "Realisasi \(quarter.label) sudah bertentangan (lihat "
                                   + "\(firstReportPlace(of: index, quarter, line: line, context))); realisasi \(month.label) di baris ini "
                                   + "juga ditolak. Laporkan triwulan ini satu kali, per bulan atau per triwulan.")
        }
        var months = monthly[index]
        switch months.actuals[month.index] {
        case .unreported:
            months.actuals[month.index] = .reported(value, here)
            let aggregation = dataset.indicators[index].aggregation
            if case .overflow = MonthlyActuals.fold(months, quarter, aggregation: aggregation) {
                throw RowRejection(column: column, code: "angka-terlalu-besar",
                                   message: "Realisasi bulan-bulan \(quarter.label) digabung (\(aggregation.label)) melebihi 18 angka "
                                       + "penting; periksa satuan nilainya (mis. rupiah ditulis dalam ribuan).")
            }
            if months.firstReports[quarter.index] == nil {
                months.firstReports[quarter.index] = here
                noteFirstReport(of: index, quarter, context)
            }
            monthly[index] = months
        case .reported(let earlier, let place):
            if earlier == value {
                note(.warning, context.file.name, record.line, context.header.name(of: column), "realisasi-ganda",
                     "Realisasi \(month.label) sudah tercatat pada \(placeText(place, context)) dengan nilai sama; dipakai sekali.")
                return
            }
            months.actuals[month.index] = .conflicting(place)
            monthly[index] = months
            let first = placeText(place, context)
            let this = first.hasPrefix("baris") ? "baris ini" : "\(context.file.name) baris \(record.line) berisi"
            throw RowRejection(column: column, code: "realisasi-bertentangan",
                               message: "Realisasi \(month.label) bertentangan: \(first) berisi \(earlier), \(this) \(value). "
                                   + "Tidak ada yang dipilih; \(quarter.label) dan periode yang memuatnya dikosongkan. Hapus salah satu baris.")
        case .conflicting(let place):
            throw RowRejection(column: column, code: "realisasi-bertentangan",
                               message: "Realisasi \(month.label) sudah bertentangan (lihat \(placeText(place, context))); "
                                   + "baris ini juga ditolak. Sisakan satu baris untuk bulan ini.")
        }
    }

    /// Rejects a month's budget realisation that differs from the one already read for the
    /// month, or that meets a quarter's budget realisation of the same quarter.
    private func checkMonthBudget(_ value: ExactDecimal?, _ month: Month, of index: Int, _ record: CSVRecord,
                                  _ context: FileContext) throws {
        guard let value else { return }
        let quarter = month.quarter
        if let quarterBudget = dataset.indicators[index].budgetActuals[quarter.index] {
            throw RowRejection(column: .budgetActual, code: "anggaran-bertentangan",
                               message: "Realisasi anggaran \(quarter.label) sudah tercatat per triwulan (\(quarterBudget)); anggaran "
                                   + "\(month.label) di baris ini bertentangan dengannya. Laporkan anggaran satu triwulan per bulan "
                                   + "atau per triwulan, tidak keduanya.")
        }
        let months = monthly[index]
        if let earlier = months.budgets[month.index], earlier.value != value {
            throw RowRejection(column: .budgetActual, code: "anggaran-bertentangan",
                               message: "Realisasi anggaran \(month.label) sudah tercatat \(earlier.value) "
                                   + "(\(placeText(earlier.place, context))), baris ini \(value). Sisakan satu nilai untuk bulan ini.")
        }
        var with = months
        with.budgets[month.index] = (value, MonthlyActuals.Place(file: context.index, line: Int32(record.line)))
        if MonthlyActuals.budget(with, quarter) == nil {
            throw RowRejection(column: .budgetActual, code: "angka-terlalu-besar",
                               message: "Realisasi anggaran bulan-bulan \(quarter.label) dijumlahkan melebihi 18 angka penting; "
                                   + "periksa satuan nilainya.")
        }
    }

    // MARK: The end of the load

    /// Folds every indicator's months into its quarters, once every file is read: a quarter
    /// reported by month gets the folded value, with the line of its first month row, and the
    /// sum of the months' budget realisations. A quarter that a quarter value conflicted with
    /// stays conflicting.
    mutating func foldMonthlyActuals() {
        for index in monthly.byIndicator.keys.sorted() {
            let months = monthly[index]
            let aggregation = dataset.indicators[index].aggregation
            for quarter in Quarter.allCases {
                if let budget = MonthlyActuals.budget(months, quarter), dataset.indicators[index].budgetActuals[quarter.index] == nil {
                    dataset.indicators[index].budgetActuals[quarter.index] = budget
                }
                guard case .unreported = dataset.indicators[index].actuals[quarter.index],
                      let first = months.firstReports[quarter.index] else { continue }
                switch MonthlyActuals.fold(months, quarter, aggregation: aggregation) {
                case .value(let value, let exactMean):
                    dataset.indicators[index].actuals[quarter.index] = .reported(value, line: first.line)
                    if let exactMean {
                        note(.info, dataset.files[first.file].name, Int(first.line), "", "rata-rata-dibulatkan",
                             "Rata-rata bulan \(quarter.label) (\(exactMean.reduced.numerator)/\(exactMean.reduced.denominator)) tidak berhingga "
                                 + "desimalnya; dipakai \(value) (dibulatkan \(MonthlyActuals.meanFractionDigits) desimal).")
                    }
                case .conflicting:
                    // Named by the quarter's first report, whose file the session noted.
                    dataset.indicators[index].actuals[quarter.index] = .conflicting(firstLine: first.line)
                case .none, .overflow:
                    // A month row whose quarter would overflow was rejected as it was read.
                    continue
                }
            }
        }
    }

    /// "baris 2" in the file being read, "realisasi_a.csv baris 2" in another.
    private func placeText(_ place: MonthlyActuals.Place, _ context: FileContext) -> String {
        place.file == context.index ? "baris \(place.line)" : "\(fileName(place.file, context)) baris \(place.line)"
    }
}
