/// The multi-row header of a report: where it starts, its column-number row, and where the data
/// begins.
struct HeaderBlock {
    /// Index (in the sheet's rows) of the first header row.
    let start: Int
    /// Index of the first row after the header.
    let dataStart: Int
    /// Column number (as the form prints it) → physical column of its first cell.
    let columns: [Int: Int]

    /// Finds the column-number row within `depth` rows of `start` and requires every number of
    /// `required`; the data starts after the row `lastHeaderRow` says ends the block.
    ///
    /// - Throws: ``RowProblem`` naming what is missing when the block is cut off.
    static func find(in sheet: ReportSheet, start: Int, depth: Int, required: ClosedRange<Int>,
                     lastHeaderRow: (ReportSheet.Row) -> Bool) throws -> HeaderBlock {
        let end = min(sheet.rows.count, start + depth)
        for index in start..<end {
            var columns: [Int: Int] = [:]
            for (column, cell) in sheet.rows[index].cells.enumerated() {
                if let number = columnNumber(cell), columns[number] == nil { columns[number] = column }
            }
            guard required.allSatisfy({ columns[$0] != nil }) else { continue }
            // The block ends at the K/Rp or Volume/Satuan row, if it follows.
            var dataStart = index + 1
            var probe = index + 1
            while probe < min(sheet.rows.count, index + 3) {
                if lastHeaderRow(sheet.rows[probe]) { dataStart = probe + 1 }
                probe += 1
            }
            return HeaderBlock(start: start, dataStart: dataStart, columns: columns)
        }
        throw RowProblem(code: "judul-kolom-terpotong",
                         message: "blok judul kolom tidak lengkap: baris nomor kolom (\(required.lowerBound)–\(required.upperBound)) "
                             + "tidak ditemukan dalam \(depth) baris sesudah baris \(sheet.rows[start].line). Simpan ulang ekspor dengan seluruh judul kolomnya.")
    }

    func column(_ number: Int) -> Int { columns[number] ?? -1 }
}

/// Whether a row is the K/Rp row of an E.81 header.
func isUnitRow(_ row: ReportSheet.Row) -> Bool {
    row.cells.filter { $0 == "K" || $0.lowercased() == "rp" || looseText($0) == "volume" || looseText($0) == "satuan" }.count >= 4
}
