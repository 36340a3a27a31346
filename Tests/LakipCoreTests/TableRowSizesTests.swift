import Testing
@testable import LakipCore

/// A batch's CSV buffers are sized from what the batches before took per indicator
/// (``TableRowSizes``), so that they are not grown, moving all they hold, while they fill.
@Suite("Batch buffers sized from the batches before")
struct TableRowSizesTests {
    /// Codes and names far longer than the tables' estimates are made for: every table of the
    /// first batch outgrows its buffer.
    private static func dataset(indicators: Int) throws -> Dataset {
        let agency = "1.02.0.00.0.00.01.0000.\(String(repeating: "9", count: 200))"
        let name = String(repeating: "Persentase layanan dasar yang memenuhi standar ", count: 3)
        var targets = ["tahun,kode_opd,nama_opd,kode_sasaran,sasaran,kode_indikator,indikator,satuan,polaritas,agregasi,"
                       + "target_tahunan,target_tw1,target_tw2,target_tw3,target_tw4"]
        var actuals = ["tahun,kode_opd,kode_indikator,triwulan,realisasi"]
        for number in 0..<indicators {
            for year in [2024, 2025] {
                let code = "IKU-DINKES-\(String(repeating: "0", count: 200))\(number)"
                targets.append("\(year),\(agency),Dinas Kesehatan,S1,\(name),\(code),\(name)\(number),persen,positif,akhir,"
                               + "90,80,85,88,90")
                for quarter in 1...4 { actuals.append("\(year),\(agency),\(code),\(quarter),\(80 + quarter).25") }
            }
        }
        return try load(["target.csv": targets.joined(separator: "\n") + "\n",
                         "realisasi.csv": actuals.joined(separator: "\n") + "\n"])
    }

    /// Renders `results` into a batch made with `sizes`; the buffers' room before and after.
    private static func render(_ results: [IndicatorResult], _ context: TableContext, _ tables: [any IndicatorTable.Type],
                               sizes: TableRowSizes) -> (batch: IndicatorTableBatch, before: [Int], after: [Int]) {
        var batch = IndicatorTableBatch(context: context, tables: tables, dialect: .standard, writesCSV: true,
                                        writesCells: false, capacity: results.count, sizes: sizes)
        let before = batch.csv.map(\.byteCapacity)
        for result in results { batch.add(result) }
        return (batch, before, batch.csv.map(\.byteCapacity))
    }

    @Test("a batch after one that outgrew its buffers is made with room for what that one took")
    func laterBatchesFit() throws {
        let dataset = try Self.dataset(indicators: 200)
        let period = ReportPeriod(year: 2025, through: .tw4)
        let policy = Policy()
        let context = TableContext(period: period, policy: policy, dataset: dataset)
        let tables = ReportTables.all(context).compactMap { table -> (any IndicatorTable.Type)? in
            if case .perIndicator(let type) = table { return type }
            return nil
        }
        let results = PeriodComputation.results(of: dataset, policy: policy, period: period).indicators
        #expect(results.count == 200)
        let sizes = TableRowSizes(tables)
        #expect(sizes.capacities(for: 200) == tables.map { 200 * ($0.bytesPerIndicator + $0.bytesPerIndicator / 8) + 4096 })

        let first = Self.render(Array(results.prefix(100)), context, tables, sizes: sizes)
        for (index, table) in tables.enumerated() {
            // The estimates are too small here, or this test would prove nothing.
            #expect(first.after[index] > first.before[index], "\(table.fileName): the first batch fit its estimate")
        }
        sizes.record(first.batch)

        let second = Self.render(Array(results.suffix(100)), context, tables, sizes: sizes)
        for (index, table) in tables.enumerated() {
            #expect(second.after[index] == second.before[index], "\(table.fileName): the second batch grew")
            #expect(second.batch.csv[index].byteCount <= second.before[index])
        }
        // What a batch took is kept as the most per indicator: a batch of small rows after it
        // does not shrink the room.
        let grown = sizes.capacities(for: 100)
        sizes.record(IndicatorTableBatch(context: context, tables: tables, dialect: .standard, writesCSV: true,
                                         writesCells: false, capacity: 100))
        #expect(sizes.capacities(for: 100) == grown)
    }
}
