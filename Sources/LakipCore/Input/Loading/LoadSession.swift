#if canImport(Glibc)
import Glibc
#endif

/// The mutable state of one load: the dataset being built and the look-up tables.
///
/// This file reads a file's rows and hands each to its reader: target rows are read in
/// `LoadSession+TargetRows.swift`, realisation rows in `LoadSession+RealisationRows.swift`.
/// Some methods called for each row are `mutating` though they only read: calling a
/// non-mutating method from a mutating one copied the whole session, references retained,
/// once per row.
struct LoadSession {
    var dataset = Dataset()
    let options: LoadOptions
    private var agencyIndex = ByteKeyedTable<Int>()
    /// kode_pemda → index in ``Dataset/pemdas``.
    private var pemdaIndex = ByteKeyedTable<Int>()
    /// Keys of target rows that were rejected, so their realisations can say why they fail.
    private var rejectedTargets = ByteKeyedTable<(file: String, line: Int)>()
    /// The key of the row being read, once its codes are known (see `rowKeyReady`).
    private var rowKey = IndicatorKeyIndex.Key()
    private var rowKeyReady = false
    /// Where `rowKey` would go in the key index, found by the look-up that missed it
    /// (``indexedIndicator(line:)``); `nil` once the key changes. The index itself notices a vacancy
    /// an insert has taken since.
    private var rowKeyVacancy: ByteKeyedTable<Int>.Vacancy?
    /// The hash of the key of the target row being read and of the next one, by line, worked out
    /// while the row before each was read (``lookAhead(at:_:)``), in the next's own buffer.
    private var rowKeyHash: (line: Int, hash: UInt64)?
    private var nextRowKeyHash: (line: Int, hash: UInt64)?
    private var nextRowKey = IndicatorKeyIndex.Key()
    /// The last realisation row's indicator and its key.
    private var lastRealisationKey = IndicatorKeyIndex.Key()
    private var lastRealisationIndicator = 0
    /// The key table's entry of `lastRealisationIndicator`.
    private var lastRealisationEntry = -1
    private var agenciesWithNameWarning = Set<Int>()
    /// The file of each indicator's first report per quarter (index `indicator × 4 + quarter`),
    /// so that a duplicate in another file names both files. Kept here, not in the packed
    /// ``Indicator``; ``unknownFile`` past 65,534 files.
    private var firstReportFiles: [UInt16] = []
    private static let unknownFile = UInt16.max
    /// Every year a target row names, loaded or not, for the message when --year has none.
    private(set) var yearsSeen = Set<Int>()
    /// The year last added to ``yearsSeen``: rows of one year skip the set.
    private var lastYearSeen: Int?
    /// The texts and OPD the rows before named (`RecentCells.swift`).
    private var recentTexts = RecentTexts()
    private var recentAgency = RecentAgency()
    /// The row being read and its file's kode_opd and tahun fields, so that a problem found in
    /// it names the OPD whose document lists it. Valid only while ``readRow`` runs.
    private var rowBeingRead: CSVRecord?
    private var agencyField: Int?
    private var pemdaField: Int?
    private var yearField: Int?
    /// Monthly realisations, folded into quarters by ``foldMonthlyActuals()`` once every file
    /// is read (see `LoadSession+MonthlyRows.swift`).
    var monthly = MonthlyActuals()

    private let progress: LoadProgress?
    /// Rows are published to ``progress`` in batches, not one atomic add per row.
    private static let progressBatch = 4096
    /// Where the reading of each file's rows records its digest, for the manifest.
    private let digests: InputDigests?

    init(options: LoadOptions, progress: LoadProgress? = nil, digests: InputDigests? = nil) {
        self.options = options
        self.progress = progress
        self.digests = digests
    }

    // MARK: Files

    /// Reserves room for the indicators a target file of this size is likely to hold, so that
    /// the list is not copied each time it doubles. A target row takes well over 128 bytes
    /// (codes, names, five targets), so this errs high, and room never filled is only address
    /// space. The reservation stays under a quarter of the machine's memory, so that a huge
    /// file cannot make the allocation itself fail; past it the list grows as before.
    private mutating func reserveIndicators(forFileAt path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        let memory = max(0, sysconf(Int32(_SC_PHYS_PAGES))) * max(0, sysconf(Int32(_SC_PAGESIZE)))
        let estimate = min(Int(status.st_size) / 128, memory / 4 / MemoryLayout<Indicator>.stride)
        dataset.indicators.reserveCapacity(dataset.indicators.count + estimate)
        dataset.keyIndex.reserveCapacity(dataset.keyIndex.count + estimate)
    }

    mutating func load(_ file: InputFile, reader: CSVFileReader) throws {
        let convention = try DecimalConventionSniffer.convention(of: file, reader: reader)
        let context = FileContext(file: file, index: dataset.files.count,
                                  summary: FileSummary(name: file.name, kind: file.kind.summaryKind),
                                  convention: convention.convention)
        note(.info, file.name, nil, "", "konvensi-desimal", convention.explanation)
        for name in file.header.unknown {
            note(.info, file.name, file.headerLine, name, "kolom-tidak-dikenal",
                 "Kolom '\(name)' tidak dikenal dan diabaikan.")
        }
        for name in file.header.repeated {
            note(.warning, file.name, file.headerLine, name, "kolom-ganda",
                 "Kolom '\(name)' muncul lebih dari sekali; hanya yang pertama dipakai. Hapus atau ganti nama kolom yang lain.")
        }
        if (file.kind == .targets || file.kind == .combined) && !file.header.has(.aggregation) {
            note(.info, file.name, file.headerLine, "", "agregasi-disimpulkan",
                 "Kolom agregasi tidak ada; agregasi tiap indikator disimpulkan: 'akhir' untuk satuan %, indeks, nilai, skor, "
                     + "rasio atau polaritas negatif, selain itu 'jumlah'.")
        }
        if !dataset.keyedByPemda && (file.kind == .pemdas || file.header.has(.pemdaCode)) {
            note(.info, file.name, file.headerLine, file.kind == .pemdas ? "" : file.header.name(of: .pemdaCode), "pemda-diabaikan",
                 (file.kind == .pemdas ? "Daftar Pemda ini" : "Kolom kode_pemda") + " tidak dipakai: berkas target tidak berkolom "
                     + "kode_pemda, jadi data dibaca sebagai satu Pemda. Tambahkan kode_pemda pada berkas target untuk "
                     + "membandingkan beberapa Pemda.")
        }
        if file.kind == .targets || file.kind == .combined { reserveIndicators(forFileAt: file.path) }
        agencyField = file.header[.agencyCode]
        pemdaField = file.header[.pemdaCode]
        yearField = file.header[.year]
        var reader = reader
        reader.progress = progress
        // Only this reading, the one the rows come from, is hashed; the looks at a file's
        // header and decimal separator before it are not.
        reader.digests = digests
        // Hashes worked out ahead belong to the file they were worked out in.
        (rowKeyHash, nextRowKeyHash) = (nil, nil)
        func readRecord(_ record: CSVRecord, prepared: UnsafePointer<PreparedTargetRow>?) {
            guard record.line > file.headerLine else { return }
            readRow(record, context, prepared: prepared)
            if context.summary.rowsRead % Self.progressBatch == 0 { progress?.addRows(Self.progressBatch) }
        }
        do {
            if file.kind == .targets && !context.hasWideActuals {
                // Through a target file the loader is often the busier thread: the parser reads
                // rows' numbers and terms beside it while it is.
                let preparation = TargetRowPreparation(header: file.header, convention: context.convention,
                                                       gradeScales: options.gradeScales)
                let use = options.targetRowPreparation
                try reader.read(path: file.path, displayName: file.name, delimiter: file.layout.delimiter,
                                preparing: { preparation.prepare($0, use: use, loaderIsBehind: $1) }) { record, next, prepared, position in
                    lookAhead(at: next, context)
                    readRecord(record, prepared: prepared?.row(at: position))
                }
            } else {
                try reader.read(path: file.path, displayName: file.name, delimiter: file.layout.delimiter) { record in
                    readRecord(record, prepared: nil)
                }
            }
        } catch let error as CSVError {
            throw InputError(error)
        }
        progress?.addRows(context.summary.rowsRead % Self.progressBatch)
        if context.summary.rowsRead == 0 {
            throw InputError(.emptyFile, file: file.name, line: file.headerLine,
                             message: "\(file.name): berkas hanya berisi baris judul, tanpa baris data. Isi datanya atau "
                                 + "pindahkan berkas ini dari folder data.")
        }
        finish(context)
    }

    private mutating func finish(_ context: FileContext) {
        let name = context.file.name
        if context.ambiguousValues > 0, let example = context.firstAmbiguous {
            note(.info, name, example.line, "", "angka-ambigu",
                 "\(context.ambiguousValues) angka dapat dibaca dua cara (mis. '\(example.text)'); dibaca dengan pemisah "
                     + "desimal \(context.convention.label) sesuai konvensi berkas ini.")
        }
        if let line = context.firstWindows1252Line {
            note(.warning, name, line, "", "bukan-utf8",
                 "Berkas bukan UTF-8 yang sah (pertama pada baris \(line)); teks dibaca sebagai Windows-1252. "
                     + "Simpan ulang sebagai 'CSV UTF-8' agar huruf tidak salah baca.")
        }
        if context.rowsOfOtherPemda > 0, let codes = options.pemdaCodes {
            note(.info, name, nil, "", "pemda-lain",
                 "\(context.rowsOfOtherPemda) baris Pemda lain dilewati (--pemda \(codes.sorted().joined(separator: ","))).")
        }
        // Rows out of --year or --as-of; those of other Pemda are said above.
        let outOfScope = context.summary.rowsOutOfScope - context.rowsOfOtherPemda
        if let asOf = options.asOf, outOfScope > 0, context.file.kind == .longActuals {
            let later = context.header.has(.month)
                ? ", atau triwulan dan bulan setelah \(asOf.label) (\(asOf.months[2].label))" : " atau triwulan setelah \(asOf.label)"
            note(.info, name, nil, "", "di-luar-as-of",
                 "\(outOfScope) baris di luar cakupan (tahun selain --year\(later) "
                     + "karena --as-of) diabaikan.")
        } else if outOfScope > 0 {
            let window = options.year.map { "\($0 - 2)–\($0)" } ?? "-"
            note(.info, name, nil, "", "di-luar-cakupan",
                 "\(outOfScope) baris di luar tahun \(window) diabaikan (--year dan dua tahun pembandingnya).")
        }
        if let asOf = options.asOf, context.monthValuesAfterAsOf > 0 {
            note(.info, name, nil, "", "di-luar-as-of",
                 "\(context.monthValuesAfterAsOf) nilai realisasi bulanan setelah \(asOf.label) (\(asOf.months[2].label)) "
                     + "diabaikan karena --as-of; barisnya tetap dipakai untuk bulan-bulan sebelumnya.")
        }
        dataset.files.append(context.summary)
    }

    // MARK: Rows

    /// - Parameter prepared: the cells of a target row read on the parsing thread, if they were.
    mutating func readRow(_ record: CSVRecord, _ context: FileContext, prepared: UnsafePointer<PreparedTargetRow>? = nil) {
        context.summary.rowsRead += 1
        rowKeyReady = false
        rowBeingRead = record
        defer { rowBeingRead = nil }
        do {
            try checkFieldCount(record, context)
            let missing = record.count < context.header.fieldCount ? MissingCells(record, context) : nil
            if let rejection = missing?.rejection(record, context) {
                rememberTargetKey(record, context)
                throw rejection
            }
            switch context.file.kind {
            case .pemdas: try readPemdaRow(record, context)
            case .agencies: try readAgencyRow(record, context)
            case .targets, .combined: try readTargetRow(record, context, prepared: prepared)
            case .longActuals: try readLongActualRow(record, context)
            case .wideActuals: try readWideActualRow(record, context)
            }
            context.summary.rowsUsed += 1
            if let warning = missing?.warning(record, context) {
                note(.warning, context.file.name, record.line, "", MissingCells.code, warning)
            }
        } catch let rejection as RowRejection {
            context.summary.rowsRejected += 1
            let column = rejection.column.map { context.header.name(of: $0) } ?? ""
            note(.error, context.file.name, record.line, column, rejection.code, rejection.message)
            if context.file.kind == .targets || context.file.kind == .combined, rowKeyReady {
                rowKey.withBytes { key in
                    if rejectedTargets.value(for: key) == nil {
                        rejectedTargets.insert((context.file.name, record.line), for: key)
                    }
                }
            }
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    private func checkFieldCount(_ record: CSVRecord, _ context: FileContext) throws {
        let expected = context.header.fieldCount
        guard record.count > expected else { return }
        let extra = (expected..<record.count).contains { !NumberParser.trimmed(record[$0]).isEmpty }
        if extra {
            throw RowRejection(
                column: nil, code: "jumlah-kolom",
                message: "Baris berisi \(record.count) kolom, baris judul hanya \(expected). Sel yang memuat pemisah kolom "
                    + "(mis. angka '85,5' di berkas berpemisah koma) harus diberi tanda kutip.")
        }
    }

    /// Makes the key of a target row rejected before it was read, when its year and codes
    /// are there, so that its realisations can say which target row to fix.
    private mutating func rememberTargetKey(_ record: CSVRecord, _ context: FileContext) {
        guard context.file.kind == .targets || context.file.kind == .combined,
              let year = TermParsing.year(record[context.header[.year]!]) else { return }
        let agencyCode = NumberParser.trimmed(record[context.header[.agencyCode]!])
        let indicatorCode = NumberParser.trimmed(record[context.header[.indicatorCode]!])
        guard !agencyCode.isEmpty, !indicatorCode.isEmpty else { return }
        // With Pemda, a row without its kode_pemda has no key to remember (`try?` flattens a
        // missing Pemda and no Pemda alike, so the two are told apart here).
        let pemda: UnsafeBufferPointer<UInt8>?
        do {
            pemda = try pemdaCode(record, context)
        } catch {
            return
        }
        makeKey(year: year, pemda: pemda, agency: agencyCode, indicator: indicatorCode)
    }

    private mutating func readAgencyRow(_ record: CSVRecord, _ context: FileContext) throws {
        let code = try context.requiredText(record, .agencyCode)
        let pemda = try pemdaCode(record, context)
        if let pemda, isOutsidePemdaSelection(pemda) {
            context.summary.rowsOutOfScope += 1
            context.rowsOfOtherPemda += 1
            return
        }
        let index = agency(code: code, pemda: pemda, name: NumberParser.trimmed(record[context.header[.agencyName]!]), record,
                           context)
        // The head who signs the OPD's documents; the first row that names one is kept.
        for column in [Column.headName, .headID, .headTitle] where context.header[column] != nil {
            let cell = NumberParser.trimmed(record[context.header[column]!])
            guard !cell.isEmpty else { continue }
            switch column {
            case .headName where dataset.agencies[index].headName.isEmpty:
                dataset.agencies[index].headName = storeText(cell, intern: false, line: record.line, context)
            case .headID where dataset.agencies[index].headID.isEmpty:
                dataset.agencies[index].headID = storeText(cell, intern: false, line: record.line, context)
            case .headTitle where dataset.agencies[index].headTitle.isEmpty:
                dataset.agencies[index].headTitle = storeText(cell, intern: false, line: record.line, context)
            default: continue
            }
        }
    }

    /// A row of pemda.csv: a Pemda's name and province, for the comparison of Pemda.
    private mutating func readPemdaRow(_ record: CSVRecord, _ context: FileContext) throws {
        let code = try context.requiredText(record, .pemdaCode)
        let index = pemda(code: code, record, context)
        if dataset.pemdas[index].province.isEmpty, context.header.has(.province) {
            dataset.pemdas[index].province = text(record, .province, intern: true, context)
        }
    }

    // MARK: Pemda (SPEC §8)

    /// The row's kode_pemda when the targets name Pemda, `nil` otherwise.
    ///
    /// - Throws: a galat when the data name Pemda and the row does not: its key would be
    ///   ambiguous between Pemda that share OPD codes.
    // `mutating` only so that calling it does not copy the whole session once per row.
    mutating func pemdaCode(_ record: CSVRecord, _ context: FileContext) throws -> UnsafeBufferPointer<UInt8>? {
        guard dataset.keyedByPemda else { return nil }
        let bytes = NumberParser.trimmed(record[context.header[.pemdaCode] ?? -1])
        guard bytes.isEmpty else { return bytes }
        throw RowRejection(column: context.header.has(.pemdaCode) ? .pemdaCode : nil, code: "kode-pemda-kosong",
                           message: context.header.has(.pemdaCode)
                               ? "Kolom kode_pemda kosong. Berkas target memuat banyak Pemda (kolom kode_pemda), jadi setiap baris "
                                   + "harus menyebut Pemda-nya; kode OPD yang sama dapat ada di beberapa Pemda."
                               : "Berkas ini tidak berkolom kode_pemda, padahal berkas target memuatnya: baris ini tidak dapat "
                                   + "dipasangkan dengan Pemda mana pun. Tambahkan kolom kode_pemda pada berkas ini.")
    }

    /// Whether `--pemda` leaves out rows of the Pemda `code`.
    func isOutsidePemdaSelection(_ code: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let selection = options.pemdaCodes else { return false }
        return !selection.contains(TextDecoding.string(from: code))
    }

    /// The index of the Pemda `code`, created on first sight with the row's nama_pemda.
    mutating func pemda(code: UnsafeBufferPointer<UInt8>, _ record: CSVRecord, _ context: FileContext) -> Int {
        let name = NumberParser.trimmed(record[context.header[.pemdaName] ?? -1])
        if let index = pemdaIndex.value(for: code) {
            if dataset.pemdas[index].name.isEmpty, !name.isEmpty {
                dataset.pemdas[index].name = storeText(name, intern: true, line: record.line, context)
            }
            return index
        }
        let pemda = Pemda(code: storeText(code, intern: true, line: record.line, context),
                          name: storeText(name, intern: true, line: record.line, context))
        dataset.pemdas.append(pemda)
        pemdaIndex.insert(dataset.pemdas.count - 1, for: code)
        return dataset.pemdas.count - 1
    }

    // MARK: Text

    /// Stores the text of `column` (trimmed), converting Windows-1252 to UTF-8 when needed. An
    /// interned cell equal to the text its column interned last takes that text's reference
    /// (``RecentTexts``).
    mutating func text(_ record: CSVRecord, _ column: Column, intern: Bool, _ context: FileContext) -> TextRef {
        let bytes = NumberParser.trimmed(record[context.header[column] ?? -1])
        guard intern else { return storeText(bytes, intern: false, line: record.line, context) }
        if let ref = recentTexts.ref(of: bytes, in: column, dataset.text) { return ref }
        let ref = storeText(bytes, intern: true, line: record.line, context)
        recentTexts.remember(ref, in: column)
        return ref
    }

    /// Adds `year` to the years target rows name.
    mutating func noteYearSeen(_ year: Int) {
        guard year != lastYearSeen else { return }
        yearsSeen.insert(year)
        lastYearSeen = year
    }

    /// The text of `column` (trimmed) as a `String`, decoded as ``storeText`` would, without
    /// storing it: for text that is combined with other text before it is stored.
    func string(_ record: CSVRecord, _ column: Column, _ context: FileContext) -> String {
        let bytes = NumberParser.trimmed(record[context.header[column] ?? -1])
        if TextDecoding.isValidUTF8(bytes) { return String(decoding: bytes, as: UTF8.self) }
        context.firstWindows1252Line = context.firstWindows1252Line ?? record.line
        return TextDecoding.windows1252String(bytes)
    }

    private mutating func storeText(_ bytes: UnsafeBufferPointer<UInt8>, intern: Bool, line: Int,
                                    _ context: FileContext) -> TextRef {
        if TextDecoding.isValidUTF8(bytes) {
            return intern ? dataset.text.intern(bytes) : dataset.text.append(bytes)
        }
        context.firstWindows1252Line = context.firstWindows1252Line ?? line
        let converted = TextDecoding.windows1252String(bytes)
        return intern ? dataset.text.intern(converted) : dataset.text.append(converted)
    }

    // MARK: Look-ups

    /// Makes `rowKey` the key of the row being read, under which a rejected target row is
    /// remembered.
    mutating func makeKey(year: Int, pemda: UnsafeBufferPointer<UInt8>? = nil, agency: UnsafeBufferPointer<UInt8>,
                          indicator: UnsafeBufferPointer<UInt8>) {
        rowKey.set(year: year, pemdaCode: pemda, agencyCode: agency, indicatorCode: indicator)
        rowKeyReady = true
        rowKeyVacancy = nil
    }

    /// The codes of a target row's key, in the order their problems are told: kode_opd,
    /// kode_indikator, then kode_pemda when the targets name Pemda. The row's own reading and
    /// the look-ahead of it (``lookAhead(at:_:)``) take them from here, so that both make the
    /// same key.
    mutating func targetKeyCodes(_ record: CSVRecord, _ context: FileContext) throws
        -> (agency: UnsafeBufferPointer<UInt8>, indicator: UnsafeBufferPointer<UInt8>, pemda: UnsafeBufferPointer<UInt8>?) {
        let agency = try context.requiredText(record, .agencyCode)
        let indicator = try context.requiredText(record, .indicatorCode)
        return (agency, indicator, try pemdaCode(record, context))
    }

    /// Works out the key of the target row after the one about to be read, from its year and
    /// codes, and asks for the key index's slot for it: the row being read gives the memory time
    /// to answer, and the next row's look-up finds the slot in the cache. Through a target file
    /// of a million rows most of each look-up was that wait. Keeps the hash for that look-up; a
    /// row that cannot make a key is left alone.
    mutating func lookAhead(at next: CSVRecord?, _ context: FileContext) {
        rowKeyHash = nextRowKeyHash
        nextRowKeyHash = nil
        guard let next, let year = try? context.year(next), let codes = try? targetKeyCodes(next, context) else { return }
        nextRowKey.set(year: year, pemdaCode: codes.pemda, agencyCode: codes.agency, indicatorCode: codes.indicator)
        let hash = nextRowKey.hash
        dataset.keyIndex.prefetch(hash: hash)
        nextRowKeyHash = (next.line, hash)
    }

    /// The indicator whose key is in `rowKey`, if one is loaded. When none is, remembers
    /// where it would go, so that ``addIndicator(_:)`` neither hashes the key nor probes the
    /// index again: a target file adds an indicator for almost every row.
    ///
    /// - Parameter line: the row's line, under which its key's hash may have been worked out
    ///   ahead (``lookAhead(at:_:)``).
    mutating func indexedIndicator(line: Int) -> Int? {
        let hash = rowKeyHash.flatMap { $0.line == line ? $0.hash : nil }
        rowKeyHash = nil
        let (indicator, vacancy) = dataset.keyIndex.lookUp(rowKey, hash: hash)
        rowKeyVacancy = vacancy
        return indicator
    }

    /// Appends the indicator of the target row being read, indexed under the row's key.
    ///
    /// - Returns: the indicator's index in the dataset.
    mutating func addIndicator(_ indicator: Indicator) -> Int {
        let index = dataset.indicators.count
        dataset.indicators.append(indicator)
        dataset.keyIndex.insert(index, for: rowKey, at: rowKeyVacancy)
        firstReportFiles.append(contentsOf: repeatElement(Self.unknownFile, count: 4))
        return index
    }

    /// Records that the first report of `quarter` of indicator `index` is in the file being read.
    mutating func noteFirstReport(of index: Int, _ quarter: Quarter, _ context: FileContext) {
        firstReportFiles[index * 4 + quarter.index] = UInt16(clamping: min(context.index, Int(Self.unknownFile)))
    }

    /// Where the first report of `quarter` of indicator `index` is, as a message says it:
    /// "baris 2" in the file being read, "realisasi_a.csv baris 2" in another.
    func firstReportPlace(of index: Int, _ quarter: Quarter, line: Int32, _ context: FileContext) -> String {
        let file = firstReportFiles[index * 4 + quarter.index]
        guard file != Self.unknownFile, Int(file) != context.index else { return "baris \(line)" }
        return "\(fileName(Int(file), context)) baris \(line)"
    }

    /// The index of the indicator a realisation row refers to.
    mutating func indicator(for record: CSVRecord, year: Int, pemda: UnsafeBufferPointer<UInt8>? = nil,
                            _ context: FileContext) throws -> Int {
        let agencyCode = try context.requiredText(record, .agencyCode)
        let indicatorCode = try context.requiredText(record, .indicatorCode)
        makeKey(year: year, pemda: pemda, agency: agencyCode, indicator: indicatorCode)
        // Exports list an indicator's quarters together, so the row before most often names
        // the same indicator; and the indicator after it is most often the one the targets
        // listed next. Both keys are compared in place, which spares the scattered reads of a
        // hash look-up. (A key's entry and index never change once loaded.)
        let found: Int?
        if rowKey == lastRealisationKey {
            found = lastRealisationIndicator
        } else {
            let hit = dataset.keyIndex.find(rowKey, guessingEntry: lastRealisationEntry + 1)
            found = hit?.indicator
            if let hit {
                lastRealisationKey.copy(rowKey)
                lastRealisationIndicator = hit.indicator
                lastRealisationEntry = hit.entry
            }
        }
        if let found {
            if dataset.indicators[found].conflictingTargetLine != nil {
                throw RowRejection(column: .indicatorCode, code: "target-ganda",
                                   message: "Target indikator ini ganda dan bertentangan (lihat galat di berkas target); "
                                       + "realisasinya tidak dipakai sampai targetnya diperbaiki.")
            }
            return found
        }
        let agencyText = TextDecoding.string(from: agencyCode) + (pemda.map { " Pemda " + TextDecoding.string(from: $0) } ?? "")
        let indicatorText = TextDecoding.string(from: indicatorCode)
        if let rejected = rowKey.withBytes({ rejectedTargets.value(for: $0) }) {
            throw RowRejection(column: .indicatorCode, code: "target-ditolak",
                               message: "Target indikator \(indicatorText) (OPD \(agencyText), \(year)) ditolak di \(rejected.file) "
                                   + "baris \(rejected.line); perbaiki baris target itu.")
        }
        throw RowRejection(column: .indicatorCode, code: "indikator-tanpa-target",
                           message: "Tidak ada target untuk indikator \(indicatorText) OPD \(agencyText) tahun \(year). "
                               + "Periksa kode_opd dan kode_indikator, atau tambahkan targetnya di berkas target.")
    }

    /// The index of the agency with `code`, created on first sight.
    mutating func agency(code: UnsafeBufferPointer<UInt8>, pemda: UnsafeBufferPointer<UInt8>? = nil,
                         name: UnsafeBufferPointer<UInt8>, _ record: CSVRecord, _ context: FileContext) -> Int {
        if let index = recentAgency.agency(pemda: pemda, code: code, name: name) { return index }
        let index: Int
        if let pemda {
            // The same OPD code in two Pemda is two agencies: the Pemda's code is part of the key.
            var key = Array(pemda)
            key.append(IndicatorKeyIndex.Key.pemdaSeparator)
            key.append(contentsOf: code)
            index = key.withUnsafeBufferPointer { agency(key: $0, code: code, name: name, record, context) }
            if dataset.agencies[index].pemda == nil {
                dataset.agencies[index].pemda = self.pemda(code: pemda, record, context)
            }
        } else {
            index = agency(key: code, code: code, name: name, record, context)
        }
        recentAgency.remember(pemda: pemda, code: code, name: name, as: index)
        return index
    }

    private mutating func agency(key: UnsafeBufferPointer<UInt8>, code: UnsafeBufferPointer<UInt8>,
                                 name: UnsafeBufferPointer<UInt8>, _ record: CSVRecord, _ context: FileContext) -> Int {
        if let index = agencyIndex.value(for: key) {
            let known = dataset.agencies[index].name
            if known.isEmpty && !name.isEmpty {
                dataset.agencies[index].name = storeText(name, intern: true, line: record.line, context)
            } else if !name.isEmpty, !agenciesWithNameWarning.contains(index), !sameText(known, name) {
                agenciesWithNameWarning.insert(index)
                note(.warning, context.file.name, record.line, context.header.name(of: .agencyName), "nama-opd-berbeda",
                     "Nama OPD '\(TextDecoding.string(from: name))' berbeda dengan yang terbaca lebih dulu "
                         + "('\(dataset.text.string(known))') untuk kode yang sama; yang pertama dipakai.")
            }
            return index
        }
        let codeRef = storeText(code, intern: true, line: record.line, context)
        let nameRef = storeText(name, intern: true, line: record.line, context)
        let index = dataset.addAgency(code: codeRef, name: nameRef)
        agencyIndex.insert(index, for: key)
        return index
    }

    /// Whether stored text equals a cell, decoding the cell as the store did.
    private func sameText(_ stored: TextRef, _ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        if TextDecoding.isValidUTF8(cell) {
            return dataset.text.withBytes(stored) { $0.hasSameBytes(as: cell) }
        }
        return dataset.text.string(stored) == TextDecoding.windows1252String(cell)
    }

    /// The name of the file with `index`: a finished file or the one being read.
    func fileName(_ index: Int, _ context: FileContext) -> String {
        index == context.index ? context.file.name : dataset.files[index].name
    }

    /// Records an issue for `validasi.csv`.
    mutating func note(_ severity: Severity, _ file: String, _ line: Int?, _ column: String,
                       _ code: String, _ message: String) {
        var issue = ValidationIssue(severity, file: file, line: line, column: column, code: code, message: message)
        if let record = rowBeingRead, record.line == line {
            if let agencyField {
                let code = TextDecoding.string(from: NumberParser.trimmed(record[agencyField]))
                // With Pemda the OPD code repeats: the issue names the Pemda's OPD, as its document does.
                let pemda = dataset.keyedByPemda ? pemdaField.map { TextDecoding.string(from: NumberParser.trimmed(record[$0])) } : nil
                issue.agencyCode = AgencyProblems.key(pemdaCode: pemda, agencyCode: code)
            }
            if let yearField { issue.year = TermParsing.year(record[yearField]) }
        }
        dataset.issues.append(issue)
    }
}
