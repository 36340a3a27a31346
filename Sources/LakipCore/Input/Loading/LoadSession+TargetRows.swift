extension LoadSession {
    /// Reads a target row (or a combined row's targets and realisations) into a new indicator,
    /// or checks it against the indicator an earlier row of the same key made.
    ///
    /// - Parameter prepared: the row's numbers and terms, when the parsing thread read them
    ///   (``TargetRowPreparation``): the same values this reads otherwise.
    mutating func readTargetRow(_ record: CSVRecord, _ context: FileContext,
                                prepared: UnsafePointer<PreparedTargetRow>? = nil) throws {
        let header = context.header
        let year = try prepared?.pointee.year ?? context.year(record)
        noteYearSeen(year)
        if !options.loads(year: year) {
            context.summary.rowsOutOfScope += 1
            return
        }
        let (agencyCode, indicatorCode, pemda) = try targetKeyCodes(record, context)
        if let pemda, isOutsidePemdaSelection(pemda) {
            context.summary.rowsOutOfScope += 1
            context.rowsOfOtherPemda += 1
            return
        }
        makeKey(year: year, pemda: pemda, agency: agencyCode, indicator: indicatorCode)

        var polarity: Polarity, aggregation: Aggregation, inferred: Bool
        if let prepared {
            (polarity, aggregation, inferred) = (prepared.pointee.polarity, prepared.pointee.aggregation,
                                                 prepared.pointee.aggregationInferred)
        } else {
            (polarity, aggregation, inferred) = try context.terms(record)
        }
        let targets = try prepared?.pointee.targets ?? TargetCells(record, gradeScales: options.gradeScales, context)
        var annualTarget = targets.annual
        let quarterTargets = targets.quarters
        if let scale = targets.gradeScale {
            // Grades are ranked, never summed or averaged: capaian = rank(R) / rank(T) × 100.
            if polarity != .positive || aggregation != .last {
                note(.info, context.file.name, record.line, "", "predikat",
                     "Indikator predikat (\(options.gradeScales[scale].name)) dihitung dengan peringkat: polaritas positif, "
                         + "agregasi akhir.")
            }
            polarity = .positive
            aggregation = .last
            inferred = false
        }
        let weight = try prepared.map { $0.pointee.weight } ?? context.number(record, .weight)
        if let weight, weight.isNegative {
            throw RowRejection(column: .weight, code: "bobot-negatif", message: "Bobot \(weight) negatif; tulis bobot 0 atau lebih.")
        }
        let renstraEndYear = try prepared.map { $0.pointee.renstraEndYear } ?? context.optionalYear(record, .renstraEndYear)
        let budgetCeiling = try prepared.map { $0.pointee.budgetCeiling } ?? context.number(record, .budgetCeiling)
        let actuals = context.hasWideActuals
            ? try Quarterly(byQuarter: { try actualValue(record, .quarterActual($0), gradeScale: targets.gradeScale, context) })
            : Quarterly(repeating: nil)

        // The row is valid: check it against an earlier row of the same indicator.
        let existing = indexedIndicator(line: record.line)
        if let existing {
            let earlier = dataset.indicators[existing]
            let same = earlier.polarity == polarity && earlier.aggregation == aggregation
                && (earlier.annualTargetDerived ? nil : earlier.annualTarget) == annualTarget
                && earlier.quarterTargets == quarterTargets && earlier.gradeScale == targets.gradeScale
                && earlier.renstraTarget == targets.renstra && earlier.weight == weight
                && earlier.budgetCeiling == budgetCeiling
            guard same else {
                dataset.indicators[existing].conflictingTargetLine = Int32(record.line)
                dataset.indicators[existing].conflictingTargetFile = context.index
                throw RowRejection(column: nil, code: "target-ganda",
                                   message: "Target indikator ini sudah ada di \(fileName(earlier.sourceFile, context)) baris \(earlier.sourceLine) "
                                       + "dengan isi berbeda. Indikator ini tidak dihitung sampai salah satu baris dihapus atau disamakan.")
            }
            note(.warning, context.file.name, record.line, "", "baris-ganda",
                 "Baris ini sama dengan \(fileName(earlier.sourceFile, context)) baris \(earlier.sourceLine); dipakai sekali.")
            if context.hasWideActuals { try foldActuals(actuals, into: existing, record, context) }
            keepWords(record, quarter: context.file.kind == .combined ? latestQuarter(of: actuals) : nil, into: existing, context)
            return
        }

        if inferred && header.has(.aggregation) {
            note(.info, context.file.name, record.line, header.name(of: .aggregation), "agregasi-disimpulkan",
                 "Agregasi kosong; disimpulkan '\(aggregation.label)' dari satuan dan polaritas.")
        }
        var annualTargetDerived = false
        if annualTarget == nil, quarterTargets.contains(where: { $0 != nil }) {
            let lower = aggregation.combine(quarterTargets.compactMap { $0?.lower.fraction })
            let upper = aggregation.combine(quarterTargets.compactMap { $0?.upper.fraction })
            if let lower = lower.flatMap(ExactDecimal.init(exactly:)), let upper = upper.flatMap(ExactDecimal.init(exactly:)) {
                let derived = TargetValue(lower: lower, upper: upper)
                annualTarget = derived
                annualTargetDerived = true
                note(.info, context.file.name, record.line, header.name(of: .annualTarget), "target-tahunan-diturunkan",
                     "Target tahunan kosong; diturunkan dari target triwulan (\(aggregation.label)): \(derived).")
            }
        }
        if annualTarget == nil {
            note(.warning, context.file.name, record.line, header.name(of: .annualTarget), "target-kosong",
                 "Indikator tanpa target tahunan; capaian tahunan tidak dapat dihitung. Isi target_tahunan (target PK).")
        } else if !annualTargetDerived, targets.gradeScale == nil, quarterTargets.allSatisfy({ $0 != nil }),
                  !aggregation.surelyCombines(Quarterly(byQuarter: { quarterTargets[$0.index]!.upper }), to: annualTarget!.upper),
                  let combined = aggregation.combine(quarterTargets.lazy.map { $0!.upper.fraction }),
                  combined != annualTarget!.upper.fraction {
            note(.warning, context.file.name, record.line, header.name(of: .annualTarget), "target-tidak-konsisten",
                 "Target triwulan digabung dengan agregasi '\(aggregation.label)' menghasilkan \(combined), tidak sama dengan "
                     + "target tahunan \(annualTarget!). Target tahunan (PK) yang dipakai untuk capaian tahunan; periksa Rencana Aksi.")
        }

        let agency = agency(code: agencyCode, pemda: pemda, name: NumberParser.trimmed(record[header[.agencyName] ?? -1]), record,
                            context)
        var indicator = Indicator(
            year: year, agency: agency,
            objectiveCode: text(record, .objectiveCode, intern: true, context),
            objective: text(record, .objective, intern: true, context),
            code: text(record, .indicatorCode, intern: false, context),
            name: text(record, .indicator, intern: false, context),
            unit: text(record, .unit, intern: true, context),
            polarity: polarity, aggregation: aggregation, aggregationInferred: inferred,
            annualTarget: annualTarget, quarterTargets: quarterTargets, weight: weight,
            sourceFile: context.index, sourceLine: Int32(record.line))
        indicator.annualTargetDerived = annualTargetDerived
        indicator.gradeScale = targets.gradeScale
        indicator.renstraTarget = targets.renstra
        indicator.renstraEndYear = renstraEndYear
        indicator.budgetCeiling = budgetCeiling
        if let end = renstraEndYear, end < year {
            note(.warning, context.file.name, record.line, header.name(of: .renstraEndYear), "renstra-berakhir",
                 "Tahun akhir Renstra \(end) sebelum tahun \(year); periksa periode Renstra.")
        }
        if indicator.name.isEmpty {
            note(.warning, context.file.name, record.line, header.name(of: .indicator), "nama-indikator-kosong",
                 "Nama indikator kosong; isi nama indikator agar tabel LAKIP dapat dibaca.")
        }
        let index = addIndicator(indicator)
        if context.hasWideActuals { try foldActuals(actuals, into: index, record, context) }
        // keterangan of a target-only row speaks of the target, not of a realisation.
        keepWords(record, quarter: context.file.kind == .combined ? latestQuarter(of: actuals) : nil, into: index, context)
    }
}

extension ExactDecimal {
    /// The fraction as an exact decimal, when it has a finite decimal form within range.
    ///
    /// Here because a target row is what needs it: an annual target derived from the quarter
    /// targets is kept only when it is exact.
    init?(exactly fraction: Fraction) {
        let reduced = fraction.reduced
        for scale in 0...Int(ExactDecimal.maximumScale) {
            guard let units = reduced.rounded(toScale: scale) else { return nil }
            let back = Fraction(numerator: units, denominator: Fraction.powerOfTen(scale))
            if back == reduced {
                guard let significand = Int64(exactly: units) else { return nil }
                self.init(significand: significand, scale: UInt8(scale))
                return
            }
        }
        return nil
    }
}
