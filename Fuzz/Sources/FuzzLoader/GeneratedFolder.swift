import FuzzSupport
import LakipCore

/// A data folder built from fuzz bytes rather than taken from them: a target file and two
/// realisation files (`realisasi_a.csv` long; `realisasi_b.csv` long or wide) whose rows repeat
/// and contradict each other across the files, and some of them cut short. Because the harness
/// knows what every row says, it can check what the loader says it did with it (see ``check``).
struct GeneratedFolder {
    struct TargetRow {
        var line: Int
        var indicator: Int
        var annual: Int
        /// Cells written, of ``GeneratedFolder/targetColumns``.
        var cells: Int
    }

    struct ActualRow {
        var file: String
        var line: Int
        /// An index into the generated indicators; ``GeneratedFolder/indicatorCount`` and up
        /// name an indicator without a target.
        var indicator: Int
        /// Per quarter, the value written (`nil`: an empty or missing cell).
        var values: [Int?]
        var wide: Bool
        var cells: Int
        var fieldCount: Int
    }

    static let targetHeader = "tahun,kode_opd,kode_indikator,indikator,polaritas,agregasi,target_tahunan,"
        + "target_tw1,target_tw2,target_tw3,target_tw4,keterangan"
    static let targetColumns = 12
    static let longHeader = "tahun,kode_opd,kode_indikator,triwulan,realisasi,keterangan"
    static let wideHeader = "tahun,kode_opd,kode_indikator,realisasi_tw1,realisasi_tw2,realisasi_tw3,realisasi_tw4,keterangan"
    static let actualFiles = ["realisasi_a.csv", "realisasi_b.csv"]

    var indicatorCount: Int
    var targets: [TargetRow] = []
    var actuals: [ActualRow] = []
    /// File name → contents.
    var files: [(name: String, text: String)] = []

    init(_ bytes: ArraySlice<UInt8>, wide: Bool) {
        var source = ByteSource(bytes)
        indicatorCount = Int(source.next() % 4) + 1
        var text = Self.targetHeader + "\n"
        for indicator in 0..<indicatorCount {
            let annual = Int(source.next() % 50) + 1
            let aggregation = ["jumlah", "akhir", "rata-rata"][Int(source.next() % 3)]
            let cells = ["2025", "01", "IK-\(indicator)", "Indikator \(indicator)", "positif", aggregation, "\(annual)",
                         "1", "2", "3", "4", "catatan"]
            let kept = Self.cut(cells.count, source.next())
            targets.append(TargetRow(line: indicator + 2, indicator: indicator, annual: annual, cells: kept))
            text += cells.prefix(kept).joined(separator: ",") + "\n"
        }
        files.append(("target.csv", text))
        for name in Self.actualFiles {
            let isWide = wide && name == Self.actualFiles[1]
            var text = (isWide ? Self.wideHeader : Self.longHeader) + "\n"
            let fieldCount = isWide ? 8 : 6
            for row in 0..<Int(source.next() % 12) {
                let indicator = Int(source.next() % UInt8(indicatorCount + 1))
                var values = [Int?](repeating: nil, count: 4)
                var cells = ["2025", "01", "IK-\(indicator == indicatorCount ? 99 : indicator)"]
                if isWide {
                    for quarter in 0..<4 {
                        values[quarter] = Self.value(source.next())
                        cells.append(values[quarter].map(String.init) ?? "")
                    }
                } else {
                    let quarter = Int(source.next() % 4)
                    values[quarter] = Self.value(source.next())
                    cells += ["\(quarter + 1)", values[quarter].map(String.init) ?? ""]
                }
                cells.append("")
                let kept = Self.cut(fieldCount, source.next())
                // What a cut row lacks was never written, so it cannot count as a value.
                if isWide {
                    for quarter in 0..<4 where 3 + quarter >= kept { values[quarter] = nil }
                } else if kept <= 4 {
                    values = [nil, nil, nil, nil]
                }
                actuals.append(ActualRow(file: name, line: row + 2, indicator: indicator, values: values, wide: isWide,
                                         cells: kept, fieldCount: fieldCount))
                text += cells.prefix(kept).joined(separator: ",") + "\n"
            }
            files.append((name, text))
        }
    }

    /// How many of `count` cells a row keeps: all of them, mostly; one or more otherwise.
    private static func cut(_ count: Int, _ byte: UInt8) -> Int {
        byte % 4 == 0 ? 1 + Int(byte / 4) % (count - 1) : count
    }

    /// A realisation value from a small range, so rows often repeat or contradict; `nil` (an
    /// empty cell) now and then.
    private static func value(_ byte: UInt8) -> Int? {
        byte % 8 == 0 ? nil : Int(byte % 3)
    }

    /// Whether a cut row lacks a cell it needs: the key and what a row of its kind defines.
    private static func lacksNeededCell(_ row: ActualRow) -> Bool {
        row.cells < (row.wide ? 7 : 5)
    }

    /// The invariants of a generated folder, on top of read = used + rejected:
    /// - a row that lacks a needed cell is rejected with `kolom-kurang`; a row that lacks only
    ///   optional cells is, when used, named in a `kolom-kurang` peringatan;
    /// - a used target row made its indicator with its annual target;
    /// - a used realisation row's values are in its indicator's quarters (or the quarter is
    ///   conflicting), and each quarter's first report is the first row, in load order, that
    ///   gave it a value;
    /// - a repeated or conflicting realisation whose first report is in the other file names
    ///   that file and line.
    func check(_ dataset: Dataset, asOf: Quarter?) {
        var galat: [String: [Int: ValidationIssue]] = [:]
        var shortWarnings: Set<String> = []
        var duplicates: [(issue: ValidationIssue, place: String)] = []
        for issue in dataset.issues {
            guard let line = issue.line else { continue }
            if issue.severity == .error { galat[issue.file, default: [:]][line] = issue }
            if issue.severity == .warning && issue.code == "kolom-kurang" { shortWarnings.insert("\(issue.file):\(line)") }
            if issue.code == "realisasi-ganda" || issue.code == "realisasi-bertentangan" {
                duplicates.append((issue, "\(issue.file):\(line)"))
            }
        }
        func indicator(_ index: Int) -> Indicator? {
            dataset.indicators.first { dataset.text.string($0.code) == "IK-\(index)" }
        }

        for row in targets {
            let rejected = galat["target.csv"]?[row.line]
            // Cut before the target_tahunan cell, the row has no target at all.
            if row.cells < 7 {
                if rejected?.code != "kolom-kurang" { fuzzFailure("target line \(row.line) with \(row.cells) cells not rejected") }
                continue
            }
            if let rejected { fuzzFailure("target line \(row.line) rejected: \(rejected.message)") }
            if row.cells < Self.targetColumns && !shortWarnings.contains("target.csv:\(row.line)") {
                fuzzFailure("target line \(row.line) with \(row.cells) cells used without a peringatan")
            }
            guard let found = indicator(row.indicator), found.annualTarget?.upper.description == "\(row.annual)" else {
                fuzzFailure("used target line \(row.line) did not make its indicator with target \(row.annual)")
            }
        }

        // The first report of each (indicator, quarter): a row that reached the folding step.
        var firstReport: [String: ActualRow] = [:]
        for row in actuals {
            let place = "\(row.file):\(row.line)"
            let rejection = galat[row.file]?[row.line]
            if Self.lacksNeededCell(row) {
                if rejection?.code != "kolom-kurang" { fuzzFailure("\(place) lacks a needed cell but was not rejected for it") }
                continue
            }
            if row.cells < row.fieldCount && rejection == nil && !shortWarnings.contains(place) {
                fuzzFailure("\(place) with \(row.cells) of \(row.fieldCount) cells used without a peringatan")
            }
            guard rejection == nil || rejection?.code == "realisasi-bertentangan" else { continue }
            guard let target = indicator(row.indicator) else {
                fuzzFailure("\(place) used, but indicator IK-\(row.indicator) has no target")
            }
            for quarter in Quarter.allCases {
                guard let value = row.values[quarter.rawValue - 1], asOf.map({ quarter <= $0 }) ?? true else { continue }
                let key = "\(row.indicator)/\(quarter.rawValue)"
                if firstReport[key] == nil { firstReport[key] = row }
                switch target.actuals[quarter.rawValue - 1] {
                case .reported(let held, let line):
                    if rejection == nil && held.description != "\(value)" {
                        fuzzFailure("\(place) used with \(value) for \(quarter.label), but the indicator holds \(held)")
                    }
                    if Int(line) != firstReport[key]!.line {
                        fuzzFailure("\(quarter.label) of IK-\(row.indicator): first report at line \(line), expected "
                                    + "\(firstReport[key]!.file):\(firstReport[key]!.line)")
                    }
                case .conflicting(let line):
                    if Int(line) != firstReport[key]!.line {
                        fuzzFailure("\(quarter.label) of IK-\(row.indicator): conflict dated from line \(line), expected "
                                    + "\(firstReport[key]!.file):\(firstReport[key]!.line)")
                    }
                case .unreported:
                    fuzzFailure("\(place) used with \(value) for \(quarter.label), but the indicator has nothing")
                }
            }
        }

        for (issue, place) in duplicates {
            guard let row = actuals.first(where: { "\($0.file):\($0.line)" == place }) else { continue }
            let quarters = Quarter.allCases.filter { row.values[$0.rawValue - 1] != nil }
            let named = quarters.contains { quarter in
                guard let first = firstReport["\(row.indicator)/\(quarter.rawValue)"] else { return false }
                return first.file == row.file || issue.message.contains("\(first.file) baris \(first.line)")
            }
            if !named { fuzzFailure("\(place): '\(issue.message)' does not name the first report's file and line") }
        }
    }
}

/// Fuzz bytes read one at a time; zeros once they run out.
private struct ByteSource {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    mutating func next() -> UInt8 {
        bytes.popFirst() ?? 0
    }
}
