/// Chooses polaritas and agregasi for an imported indicator: none of the exports states them.
///
/// Where the export carries the application's own capaian (and its own yearly realisation),
/// the pair is the one whose SPEC formula reproduces those columns; exactly one must. Elsewhere
/// the indicator's name and satuan decide, and the choice is a peringatan to check.
enum PolarityInference {
    /// Words that make an indicator lower-is-better.
    static let negativeWords = [
        "angka kematian", "kematian", "prevalensi", "kemiskinan", "pengangguran", "kasus", "stunting",
        "angka kesakitan", "kesakitan", "gizi buruk", "putus sekolah", "kecelakaan", "kebakaran",
        "pelanggaran", "tunggakan", "temuan", "kerugian", "ketimpangan", "gini", "inflasi", "banjir",
        "kriminalitas", "kerusakan", "penyalahgunaan", "rumah tidak layak", "kumuh", "buta aksara",
    ]

    /// The polarity the name suggests.
    static func polarityFromName(_ name: String) -> Polarity {
        let text = looseText(name)
        return negativeWords.contains { text.contains($0) } ? .negative : .positive
    }

    /// Which aggregations turn the reported quarters into `total` (the export's own yearly
    /// realisation).
    static func aggregations(reproducing total: ExactDecimal, quarters: [ExactDecimal?]) -> [Aggregation] {
        let reported = quarters.compactMap { $0?.fraction }
        guard !reported.isEmpty else { return [] }
        return [Aggregation.sum, .last, .mean].filter { aggregation in
            guard let combined = aggregation.combine(reported) else { return false }
            return Achievement(exactly: combined.multiplied(by: Fraction(100)) ?? .zero)
                == Achievement(exactly: total.fraction.multiplied(by: Fraction(100)) ?? .zero)
        }
    }

    /// The polarities (and negative formula) whose capaian of `actual` against `target`
    /// equals `capaian` to two decimals.
    static func polarities(reproducing capaian: ExactDecimal, target: ExactDecimal, actual: ExactDecimal)
        -> [(Polarity, NegativeFormula)] {
        guard let shown = Achievement(exactly: capaian.fraction) else { return [] }
        var found: [(Polarity, NegativeFormula)] = []
        for (polarity, formula) in [(Polarity.positive, NegativeFormula.difference), (.negative, .difference), (.negative, .ratio)] {
            let result = AchievementFormula.evaluate(target: target.fraction, actual: actual.fraction,
                                                     polarity: polarity, negativeFormula: formula)
            if result.achievement == shown && !result.remarks.contains(.ratioFellBack) {
                found.append((polarity, formula))
            }
        }
        return found
    }

    /// The aggregation SPEC §3 assumes for a unit and polarity.
    static func aggregationFromUnit(_ unit: String, polarity: Polarity) -> Aggregation {
        TermParsing.inferredAggregation(unit: unit, polarity: polarity)
    }

    /// Settles polaritas and agregasi of `indicator`, adding the info or peringatan rows.
    ///
    /// - Parameters:
    ///   - yearly: the export's own yearly realisation, when it has one.
    ///   - capaian: the export's own capaian column, and the target and realisation it was
    ///     computed from (`nil` realisation: the one `agregasi` gives from the quarters).
    ///   - hintPolarity / hintAggregation: what the export says in words (wp-eval-sakip's
    ///     "Tren Positif" / "Nilai Akhir").
    static func settle(_ indicator: inout ImportedIndicator, yearly: ExactDecimal?,
                       capaian: (value: ExactDecimal, target: ExactDecimal, actual: ExactDecimal?)?,
                       hintPolarity: Polarity? = nil, hintAggregation: Aggregation? = nil,
                       sheet: inout ImportedSheet, file: String) {
        let code = indicator.code
        let line = indicator.line
        var aggregation: Aggregation?
        /// The export's yearly realisation is no agregasi of its quarters (wp-sipd takes the
        /// highest month), so lakip's capaian cannot equal the export's.
        var yearlyUnreproduced = false
        if let hintAggregation {
            aggregation = hintAggregation
            sheet.remark(line, file: file, level: .info, code: "agregasi-dari-ekspor", indicator: code,
                         "agregasi \(hintAggregation.label): ditentukan oleh ekspor (rumus aplikasi atau bentuk tabelnya).")
        } else if let yearly {
            let matches = aggregations(reproducing: yearly, quarters: indicator.actuals)
            if matches.count == 1 {
                aggregation = matches[0]
                sheet.remark(line, file: file, level: .info, code: "agregasi-cocok", indicator: code,
                             "agregasi \(matches[0].label): satu-satunya yang menghasilkan realisasi tahunan ekspor (\(yearly)) dari realisasi triwulan.")
            } else if matches.count > 1 {
                sheet.remark(line, file: file, level: .warning, code: "agregasi-tidak-pasti", indicator: code,
                             "realisasi tahunan ekspor (\(yearly)) cocok dengan beberapa agregasi (\(matches.map(\.label).joined(separator: ", "))); ditebak dari satuan. Periksa kolom agregasi.")
            } else if indicator.actuals.contains(where: { $0 != nil }) {
                yearlyUnreproduced = true
                sheet.remark(line, file: file, level: .warning, code: "agregasi-tidak-cocok", indicator: code,
                             "realisasi tahunan ekspor (\(yearly)) tidak dihasilkan oleh agregasi mana pun dari realisasi triwulan; ditebak dari satuan. Periksa kolom agregasi.")
            }
        }

        var polarity: Polarity?
        if let capaian {
            var actual = capaian.actual
            var matches: [(Polarity, NegativeFormula)] = []
            let reported = indicator.actuals.compactMap { $0?.fraction }
            if actual == nil {
                // The realisation the app compared: the quarters combined by the agregasi; when
                // that too is unknown, every agregasi is tried and the pair must be unique.
                var pairs: [(Aggregation, Polarity, NegativeFormula)] = []
                for candidate in aggregation.map({ [$0] }) ?? [.sum, .last, .mean] {
                    guard let combined = candidate.combine(reported), let value = exactDecimal(combined) else { continue }
                    var found = polarities(reproducing: capaian.value, target: capaian.target, actual: value)
                    if let hintPolarity { found = found.filter { $0.0 == hintPolarity } }
                    pairs += found.map { (candidate, $0.0, $0.1) }
                    if actual == nil || (aggregation == nil && !found.isEmpty) { actual = value }
                }
                let aggregationsFound = Set(pairs.map(\.0))
                if aggregation == nil, aggregationsFound.count == 1, let only = aggregationsFound.first {
                    aggregation = only
                    sheet.remark(line, file: file, level: .info, code: "agregasi-cocok", indicator: code,
                                 "agregasi \(only.label): satu-satunya yang, dengan rumus SPEC, menghasilkan capaian ekspor (\(capaian.value)).")
                    if let combined = only.combine(reported), let value = exactDecimal(combined) { actual = value }
                }
                matches = pairs.filter { aggregation == nil || $0.0 == aggregation! }.map { ($0.1, $0.2) }
            } else if let actual {
                matches = polarities(reproducing: capaian.value, target: capaian.target, actual: actual)
                if let hintPolarity { matches = matches.filter { $0.0 == hintPolarity } }
            }
            if let actual {
                let distinct = Set(matches.map(\.0))
                if distinct.count == 1, let match = matches.first {
                    polarity = match.0
                    let formula = match.0 == .negative ? " (rumus \(match.1.name))" : ""
                    sheet.remark(line, file: file, level: .info, code: "polaritas-cocok", indicator: code,
                                 "polaritas \(match.0.label)\(formula): satu-satunya rumus SPEC yang menghasilkan capaian ekspor (\(capaian.value)).")
                    if yearlyUnreproduced {
                        sheet.remark(line, file: file, level: .warning, code: "capaian-akan-berbeda", indicator: code,
                                     "capaian ekspor (\(capaian.value)) dihitung dari realisasi tahunan \(actual), yang bukan gabungan realisasi triwulan; "
                                         + "lakip menghitung dari realisasi triwulan menurut agregasinya, jadi capaiannya akan berbeda dari ekspor.")
                    }
                    if match.0 == .negative && match.1 == .ratio {
                        sheet.remark(line, file: file, level: .warning, code: "rumus-rasio", indicator: code,
                                     "capaian ekspor memakai rumus negatif rasio (T/R); jalankan lakip run --negative-formula rasio agar rumusnya sama dengan ekspor.")
                    }
                } else if distinct.count > 1 {
                    sheet.remark(line, file: file, level: .warning, code: "polaritas-tidak-pasti", indicator: code,
                                 "capaian ekspor (\(capaian.value)) cocok untuk polaritas positif maupun negatif; ditebak dari nama indikator. Periksa kolom polaritas.")
                } else {
                    sheet.remark(line, file: file, level: .warning, code: "polaritas-tidak-cocok", indicator: code,
                                 "capaian ekspor (\(capaian.value)) tidak dihasilkan oleh rumus SPEC mana pun dari target \(capaian.target) dan realisasi \(actual); ditebak dari nama indikator. Periksa kolom polaritas.")
                }
            }
        }
        if polarity == nil, let hintPolarity {
            polarity = hintPolarity
            sheet.remark(line, file: file, level: .info, code: "polaritas-dari-ekspor", indicator: code,
                         "polaritas \(hintPolarity.label): disebut ekspor (rumus aplikasi).")
        }
        if polarity == nil {
            let guess = polarityFromName(indicator.name)
            polarity = guess
            let why = guess == .negative ? "namanya menunjukkan semakin rendah semakin baik" : "namanya tidak menunjukkan semakin rendah semakin baik"
            sheet.remark(line, file: file, level: .warning, code: "polaritas-ditebak", indicator: code,
                         "polaritas \(guess.label) ditebak: \(why). Periksa dan perbaiki di target.csv bila salah.")
        }
        indicator.polarity = polarity!
        if aggregation == nil {
            let guess = aggregationFromUnit(indicator.unit, polarity: polarity!)
            aggregation = guess
            sheet.remark(line, file: file, level: .warning, code: "agregasi-ditebak", indicator: code,
                         "agregasi \(guess.label) ditebak dari satuan '\(indicator.unit)' dan polaritas. Periksa dan perbaiki di target.csv bila salah.")
        }
        indicator.aggregation = aggregation!
    }

    /// A fraction with a finite decimal form of at most 12 decimals, as an `ExactDecimal`.
    static func exactDecimal(_ value: Fraction) -> ExactDecimal? {
        guard let digits = value.decimalDigits(maximumFractionDigits: 12), digits.scale <= 12, let significand = Int64(exactly: digits.units) else { return nil }
        // Only exact values: a mean like 31/3 has no finite form.
        let back = Fraction(numerator: digits.units, denominator: Fraction.powerOfTen(digits.scale))
        guard back == value else { return nil }
        return ExactDecimal(significand: significand, scale: UInt8(digits.scale))
    }
}
