import Foundation
import Testing
@testable import LakipCore

/// A record copied out of the reader's closure: the line it starts on and its fields.
struct CSVReaderTestRecord: Equatable, CustomStringConvertible {
    let line: Int
    let fields: [String]
    var description: String { "\(line): \(fields)" }
}

/// Everything one read produced.
private struct ReadResult: Equatable {
    let layout: CSVFileLayout
    let records: [CSVReaderTestRecord]
}

/// Reads `bytes` with `reader` (in chunks of `chunkSize` bytes when given) and copies every record.
private func readCSV(_ bytes: [UInt8], chunkSize: Int? = nil, reader: CSVFileReader = CSVFileReader()) throws -> ReadResult {
    var records: [CSVReaderTestRecord] = []
    let layout = try reader.read(bytes: bytes, displayName: "uji.csv", chunkSize: chunkSize) { record in
        records.append(CSVReaderTestRecord(line: record.line, fields: record.strings))
    }
    return ReadResult(layout: layout, records: records)
}

private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

private let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

@Suite("CSV reader: delimiters, BOM, line ends")
struct CSVReaderLayoutTests {
    struct DelimiterCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let delimiter: UInt8
        let records: [[String]]
        var testDescription: String { name }
    }

    static let delimiterCases: [DelimiterCase] = [
        DelimiterCase(name: "comma", text: "tahun,kode_opd,realisasi\n2025,01,85.5\n",
                      delimiter: 0x2C, records: [["tahun", "kode_opd", "realisasi"], ["2025", "01", "85.5"]]),
        DelimiterCase(name: "semicolon (decimal comma stays in its field)", text: "tahun;kode_opd;realisasi\n2025;01;85,5\n",
                      delimiter: 0x3B, records: [["tahun", "kode_opd", "realisasi"], ["2025", "01", "85,5"]]),
        DelimiterCase(name: "tab", text: "tahun\tkode_opd\trealisasi\n2025\t01\t85,5\n",
                      delimiter: 0x09, records: [["tahun", "kode_opd", "realisasi"], ["2025", "01", "85,5"]]),
        DelimiterCase(name: "semicolon header with a quoted comma", text: "\"Nama, lengkap\";kode;nilai\nA;B;C\n",
                      delimiter: 0x3B, records: [["Nama, lengkap", "kode", "nilai"], ["A", "B", "C"]]),
        DelimiterCase(name: "decided by the header line, not by later lines", text: "a;b\n1,2,3,4;5\n",
                      delimiter: 0x3B, records: [["a", "b"], ["1,2,3,4", "5"]]),
        DelimiterCase(name: "single column falls back to comma", text: "tahun\n2025\n",
                      delimiter: 0x2C, records: [["tahun"], ["2025"]]),
    ]

    @Test("delimiter detected from the header line", arguments: delimiterCases)
    func delimiterDetection(_ testCase: DelimiterCase) throws {
        let result = try readCSV(utf8(testCase.text))
        #expect(result.layout.delimiter == testCase.delimiter)
        #expect(result.layout.hadByteOrderMark == false)
        #expect(result.records.map(\.fields) == testCase.records)
    }

    @Test("a UTF-8 byte order mark is stripped and reported")
    func byteOrderMarkStripped() throws {
        let result = try readCSV(byteOrderMark + utf8("tahun;kode_opd\n2025;01\n"))
        #expect(result.layout.hadByteOrderMark)
        #expect(result.layout.delimiter == 0x3B)
        let header = try #require(result.records.first)
        #expect(header.fields == ["tahun", "kode_opd"])
        #expect(header.fields[0].unicodeScalars.first == "t")
    }

    struct LineEndCase: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        var testDescription: String { name }
    }

    static let lineEndCases: [LineEndCase] = [
        LineEndCase(name: "LF", bytes: utf8("a,b\n1,2\n3,4\n")),
        LineEndCase(name: "CRLF", bytes: utf8("a,b\r\n1,2\r\n3,4\r\n")),
        LineEndCase(name: "CRLF with BOM", bytes: byteOrderMark + utf8("a,b\r\n1,2\r\n3,4\r\n")),
        LineEndCase(name: "LF without a final line end", bytes: utf8("a,b\n1,2\n3,4")),
        LineEndCase(name: "CRLF without a final line end", bytes: utf8("a,b\r\n1,2\r\n3,4")),
    ]

    @Test("CRLF and LF give the same records, without carriage returns", arguments: lineEndCases)
    func lineEnds(_ testCase: LineEndCase) throws {
        let result = try readCSV(testCase.bytes)
        #expect(result.records == [
            CSVReaderTestRecord(line: 1, fields: ["a", "b"]),
            CSVReaderTestRecord(line: 2, fields: ["1", "2"]),
            CSVReaderTestRecord(line: 3, fields: ["3", "4"]),
        ])
    }
}

@Suite("CSV reader: RFC 4180 quoting and line numbers")
struct CSVReaderQuotingTests {
    struct QuotingCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let expected: [String]
        var testDescription: String { name }
    }

    static let quotingCases: [QuotingCase] = [
        QuotingCase(name: "embedded comma", text: "a,b,c\n\"Dinas Ketahanan Pangan, Pertanian\",x,y\n",
                    expected: ["Dinas Ketahanan Pangan, Pertanian", "x", "y"]),
        QuotingCase(name: "embedded semicolon in a ; file", text: "a;b\n\"satu; dua\";3\n", expected: ["satu; dua", "3"]),
        QuotingCase(name: "decimal comma in quotes", text: "a,b\n\"85,5\",2\n", expected: ["85,5", "2"]),
        QuotingCase(name: "doubled quotes", text: "a,b\n\"Program \"\"Balangan Sehat\"\"\",1\n",
                    expected: ["Program \"Balangan Sehat\"", "1"]),
        QuotingCase(name: "embedded LF", text: "a,b\n\"baris satu\nbaris dua\",1\n", expected: ["baris satu\nbaris dua", "1"]),
        QuotingCase(name: "embedded CRLF", text: "a,b\r\n\"baris satu\r\nbaris dua\",1\r\n", expected: ["baris satu\r\nbaris dua", "1"]),
        QuotingCase(name: "empty quoted field and empty trailing field", text: "a,b,c\n\"\",x,\n", expected: ["", "x", ""]),
    ]

    @Test("quoted fields", arguments: quotingCases)
    func quoting(_ testCase: QuotingCase) throws {
        let result = try readCSV(utf8(testCase.text))
        #expect(result.records.count == 2)
        #expect(result.records.last?.fields == testCase.expected)
        #expect(result.records.last?.line == 2)
    }

    struct LineCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let expected: [CSVReaderTestRecord]
        var testDescription: String { name }
    }

    static let lineCases: [LineCase] = [
        LineCase(name: "one record per line", text: "h1,h2\na,1\nb,2\n",
                 expected: [CSVReaderTestRecord(line: 1, fields: ["h1", "h2"]), CSVReaderTestRecord(line: 2, fields: ["a", "1"]),
                            CSVReaderTestRecord(line: 3, fields: ["b", "2"])]),
        LineCase(name: "a quoted record spanning lines gets its first line", text: "h1,h2\n\"a\nb\nc\",1\nd,2\n",
                 expected: [CSVReaderTestRecord(line: 1, fields: ["h1", "h2"]), CSVReaderTestRecord(line: 2, fields: ["a\nb\nc", "1"]),
                            CSVReaderTestRecord(line: 5, fields: ["d", "2"])]),
        LineCase(name: "blank lines are skipped but counted", text: "h1,h2\n\na,1\n\n\nb,2\n\n",
                 expected: [CSVReaderTestRecord(line: 1, fields: ["h1", "h2"]), CSVReaderTestRecord(line: 3, fields: ["a", "1"]),
                            CSVReaderTestRecord(line: 6, fields: ["b", "2"])]),
        LineCase(name: "blank CRLF lines and a line of spaces", text: "h1,h2\r\n\r\n   \r\na,1\r\n",
                 expected: [CSVReaderTestRecord(line: 1, fields: ["h1", "h2"]), CSVReaderTestRecord(line: 4, fields: ["a", "1"])]),
        LineCase(name: "blank lines before the header", text: "\n\nh1,h2\na,1\n",
                 expected: [CSVReaderTestRecord(line: 3, fields: ["h1", "h2"]), CSVReaderTestRecord(line: 4, fields: ["a", "1"])]),
        LineCase(name: "multi-line record followed by a blank line", text: "h\n\"x\n\ny\"\n\nz\n",
                 expected: [CSVReaderTestRecord(line: 1, fields: ["h"]), CSVReaderTestRecord(line: 2, fields: ["x\n\ny"]),
                            CSVReaderTestRecord(line: 6, fields: ["z"])]),
    ]

    @Test("records carry the line a text editor shows", arguments: lineCases)
    func lineNumbers(_ testCase: LineCase) throws {
        let result = try readCSV(utf8(testCase.text))
        #expect(result.records == testCase.expected)
    }
}

@Suite("CSV reader: chunking does not change the result")
struct CSVReaderChunkingTests {
    struct Sample: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        var testDescription: String { name }
    }

    static let samples: [Sample] = [
        Sample(name: "comma, LF", bytes: utf8("tahun,kode_opd,realisasi\n2025,01,85.5\n2025,02,90\n")),
        Sample(name: "semicolon, CRLF, BOM", bytes: byteOrderMark + utf8("Tahun;Kode OPD;Target PK\r\n2025;01;1.234,5\r\n2025;02;7\r\n")),
        Sample(name: "tab without a final line end", bytes: utf8("a\tb\n1\t2\n3\t4")),
        Sample(name: "quotes, embedded line breaks, blank lines",
               bytes: utf8("a,b,c\n\n\"x, y\",\"say \"\"hi\"\"\",\"l1\r\nl2\nl3\"\n\n\nq,\"\",r\n")),
        Sample(name: "Windows-1252 bytes", bytes: utf8("nama,kode\nCaf") + [0xE9] + utf8(",01\n")),
    ]

    static let chunkSizes = [1, 2, 3, 7]

    @Test("one piece and small chunks give identical records and lines", arguments: samples, chunkSizes)
    func chunking(_ sample: Sample, chunkSize: Int) throws {
        let whole = try readCSV(sample.bytes)
        let chunked = try readCSV(sample.bytes, chunkSize: chunkSize)
        #expect(whole.records.count >= 2)
        #expect(chunked == whole)
    }

    @Test("one byte at a time reproduces the line numbers of a spanning record")
    func oneByteLineNumbers() throws {
        let result = try readCSV(utf8("h1,h2\n\n\"a\nb\",1\nc,2\n"), chunkSize: 1)
        #expect(result.records == [
            CSVReaderTestRecord(line: 1, fields: ["h1", "h2"]),
            CSVReaderTestRecord(line: 3, fields: ["a\nb", "1"]),
            CSVReaderTestRecord(line: 5, fields: ["c", "2"]),
        ])
    }

    @Test("Windows-1252 field bytes decode to Unicode")
    func windows1252Field() throws {
        let result = try readCSV(utf8("nama,kode\nCaf") + [0xE9, 0x20, 0x96, 0x20, 0x41] + utf8(",01\n"))
        #expect(result.records.last?.fields == ["Café – A", "01"])
    }
}

@Suite("CSV reader: malformed input")
struct CSVReaderErrorTests {
    static let chunkSizes: [Int?] = [nil, 1, 5]

    @Test("an unterminated quote throws with the line where the record starts",
          arguments: chunkSizes)
    func unterminatedQuote(chunkSize: Int?) throws {
        let bytes = utf8("a,b\n1,2\n3,\"terbuka\nlanjut\nlagi\n")
        let error = #expect(throws: CSVError.self) {
            try readCSV(bytes, chunkSize: chunkSize)
        }
        #expect(error?.code == .unterminatedQuote)
        #expect(error?.line == 3)
        #expect(error?.path == "uji.csv")
        #expect(error?.description.contains("tanda kutip") == true)
        #expect(error?.description.contains("baris 3") == true)
    }

    @Test("records before an unterminated quote are delivered first")
    func recordsBeforeUnterminatedQuote() {
        var lines: [Int] = []
        #expect(throws: CSVError.self) {
            try CSVFileReader().read(bytes: utf8("a,b\n1,2\n\"x\n"), displayName: "uji.csv") { lines.append($0.line) }
        }
        #expect(lines == [1, 2])
    }

    @Test("a field longer than maximumFieldLength throws fieldTooLong", arguments: chunkSizes)
    func fieldTooLong(chunkSize: Int?) throws {
        var reader = CSVFileReader()
        reader.maximumFieldLength = 10
        let error = #expect(throws: CSVError.self) {
            try readCSV(utf8("a,b\n1,2\nx,0123456789AB\n"), chunkSize: chunkSize, reader: reader)
        }
        #expect(error?.code == .fieldTooLong(limit: 10))
        #expect(error?.line == 3)
    }

    @Test("an unclosed quote that runs past maximumFieldLength throws fieldTooLong at its first line", arguments: chunkSizes)
    func unclosedQuoteTooLong(chunkSize: Int?) throws {
        var reader = CSVFileReader()
        reader.maximumFieldLength = 16
        let bytes = utf8("a,b\n1,\"" + String(repeating: "isi panjang\n", count: 10) + "\n")
        let error = #expect(throws: CSVError.self) {
            try readCSV(bytes, chunkSize: chunkSize, reader: reader)
        }
        #expect(error?.code == .fieldTooLong(limit: 16))
        #expect(error?.line == 2)
    }

    @Test("a field exactly maximumFieldLength long is accepted", arguments: chunkSizes)
    func fieldAtLimit(chunkSize: Int?) throws {
        var reader = CSVFileReader()
        reader.maximumFieldLength = 10
        let result = try readCSV(utf8("a,b\nx,0123456789\n"), chunkSize: chunkSize, reader: reader)
        #expect(result.records.last?.fields == ["x", "0123456789"])
    }
}

@Suite("CSV reader: files")
struct CSVFileReaderFileTests {
    @Test("reading a file gives the same records as reading its bytes")
    func fileMatchesBytes() throws {
        let bytes = byteOrderMark + utf8("tahun;nama\r\n2025;\"Dinas A;\r\nB\"\r\n\r\n2026;C\r\n")
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("lakip-csv-\(UUID().uuidString).csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }

        var reader = CSVFileReader()
        reader.chunkSize = 4
        var records: [CSVReaderTestRecord] = []
        let layout = try reader.read(path: path, displayName: "uji.csv") { record in
            records.append(CSVReaderTestRecord(line: record.line, fields: record.strings))
        }
        #expect(layout == CSVFileLayout(delimiter: 0x3B, hadByteOrderMark: true))
        #expect(try reader.layout(path: path) == layout)
        #expect(records == [
            CSVReaderTestRecord(line: 1, fields: ["tahun", "nama"]),
            CSVReaderTestRecord(line: 2, fields: ["2025", "Dinas A;\r\nB"]),
            CSVReaderTestRecord(line: 5, fields: ["2026", "C"]),
        ])
        #expect(try readCSV(bytes) == ReadResult(layout: layout, records: records))
    }

    @Test("a missing file is unreadable, a directory is reported as such")
    func unreadablePaths() throws {
        let missing = #expect(throws: CSVError.self) {
            try CSVFileReader().read(path: "/tidak/ada/berkas.csv", displayName: "berkas.csv") { _ in }
        }
        guard case .unreadable = missing?.code else {
            Issue.record("expected .unreadable, got \(String(describing: missing?.code))")
            return
        }
        #expect(missing?.path == "berkas.csv")

        let directory = #expect(throws: CSVError.self) {
            try CSVFileReader().read(path: FileManager.default.temporaryDirectory.path) { _ in }
        }
        #expect(directory?.code == .isDirectory)
    }
}

/// The reader parses on a thread of its own and hands records over in batches; these inputs
/// span many batches, so the hand-over itself is what is tested.
@Suite("CSV reader: parsing ahead on another thread")
struct CSVReaderPipelineTests {
    /// "kode,nilai" and `count` rows; every tenth row's name holds a quoted line break.
    static func manyRows(_ count: Int) -> [UInt8] {
        var text = "kode,nilai\n"
        for index in 1...count {
            text += index % 10 == 0 ? "\"K\(index)\nlanjut\",\(index)\n" : "K\(index),\(index)\n"
        }
        return utf8(text)
    }

    @Test("records across many batches arrive whole, in order, with their lines")
    func manyBatches() throws {
        let count = 50_000
        var records: [CSVReaderTestRecord] = []
        try CSVFileReader().read(bytes: Self.manyRows(count), displayName: "uji.csv", chunkSize: 4096) { record in
            records.append(CSVReaderTestRecord(line: record.line, fields: record.strings))
        }
        #expect(records.count == count + 1)
        var line = 2
        for (index, record) in records.dropFirst().enumerated() {
            let number = index + 1
            let name = number % 10 == 0 ? "K\(number)\nlanjut" : "K\(number)"
            guard record == CSVReaderTestRecord(line: line, fields: [name, String(number)]) else {
                Issue.record("record \(number): \(record)")
                return
            }
            line += number % 10 == 0 ? 2 : 1
        }
    }

    @Test("an error thrown by the caller stops the read at once, however far parsing got")
    func callerStops() {
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            try CSVFileReader().read(bytes: Self.manyRows(100_000), displayName: "uji.csv") { _ in
                seen += 1
                if seen == 10 { throw Enough() }
            }
        }
        #expect(seen == 10)
    }

    @Test("a read stopped at the header leaves the parser a few thousand records ahead at most")
    func shortReadParsesLittle() throws {
        struct Enough: Error {}
        // 100,000 rows of about 12 bytes, read 4 KiB at a time: the bytes read say how far the
        // parser got. Batches of 64, 128, 256, 512 and 1,024 records (three waiting in the pipe,
        // one being filled) are some 2,000 rows, 25 KB at most; with every batch at 8,192
        // records the parser read some 200 KB here.
        let progress = LoadProgress()
        var reader = CSVFileReader()
        reader.progress = progress
        #expect(throws: Enough.self) {
            try reader.read(bytes: Self.manyRows(100_000), displayName: "uji.csv", chunkSize: 4096) { _ in throw Enough() }
        }
        #expect(progress.bytesRead > 0)
        #expect(progress.bytesRead < 64 * 1024, "\(progress.bytesRead) bytes read for the header alone")
    }

    @Test("a file's first batch holds 64 records, each next one twice as many, up to 8,192")
    func batchesGrow() {
        var limits: [Int] = []
        var storage = RecordBatch.Storage()
        for _ in 0..<10 {
            limits.append(storage.recordLimit)
            let next = storage.successor()
            storage.deallocate()
            storage = next
        }
        storage.deallocate()
        #expect(limits == [64, 128, 256, 512, 1024, 2048, 4096, 8192, 8192, 8192])
    }

    @Test("cells of every short length are copied whole", arguments: [1, 7, 4096])
    func shortCellLengths(chunkSize: Int) throws {
        // The copy of a cell into its batch takes a different path for 1–3, 4–7, 8–16 and longer
        // cells; every length from 0 to 40 is read back as written.
        let cells: [String] = (0...40).map { (length: Int) -> String in
            let letters: [UInt8] = (0..<length).map { (index: Int) -> UInt8 in UInt8(97 + (index * 7 + length) % 26) }
            return String(decoding: letters, as: UTF8.self)
        }
        let text = "panjang,isi\n" + cells.enumerated().map { "\($0.offset),\($0.element)\n" }.joined()
        var seen: [String] = []
        try CSVFileReader().read(bytes: utf8(text), displayName: "uji.csv", chunkSize: chunkSize) { record in
            seen.append(record.string(1))
        }
        #expect(seen == ["isi"] + cells)
    }

    /// Rows whose second cell is `length` bytes of one letter, the letter changing per row.
    static func wideRows(_ count: Int, length: (Int) -> Int) -> (bytes: [UInt8], cells: [String]) {
        var text = "kode,isi\n"
        var cells: [String] = []
        for index in 1...count {
            let cell = String(repeating: String(UnicodeScalar(UInt8(65 + index % 26))), count: length(index))
            cells.append(cell)
            text += "K\(index),\(cell)\n"
        }
        return (utf8(text), cells)
    }

    @Test("wide records fill batches by bytes, and a record larger than the room left grows the batch")
    func batchesFullByBytes() throws {
        // Up to 600 KB a row: a batch holding about 1 MB gets a row bigger than the room left.
        let rows = Self.wideRows(40) { $0 % 3 == 0 ? 600_000 : 7_000 + $0 }
        var seen: [(line: Int, code: String, cell: String)] = []
        try CSVFileReader().read(bytes: rows.bytes, displayName: "uji.csv", chunkSize: 65_536) { record in
            seen.append((record.line, record.string(0), record.string(1)))
        }
        try #require(seen.count == 41)
        for (index, record) in seen.dropFirst().enumerated() {
            #expect(record.line == index + 2)
            #expect(record.code == "K\(index + 1)")
            #expect(record.cell == rows.cells[index], "row \(index + 1): \(record.cell.count) bytes")
        }
    }

    @Test("the records before one refused by a limit are handed over whole, and the refused one not at all")
    func limitErrorDropsOpenRecord() throws {
        // The 9,000th row (line 9,001) holds 100 cells of 3 KB: 300 KB, over a record limit of
        // 4 × 64 KB, after its first 87 cells are already copied into the batch.
        var rows = Self.wideRows(8_999) { _ in 5 }
        rows.bytes += utf8("K9000," + Array(repeating: String(repeating: "Z", count: 3_000), count: 100).joined(separator: ",") + "\n")
        rows.bytes += utf8("K9001,sesudah\n")
        var reader = CSVFileReader()
        reader.maximumFieldLength = 65_536
        var seen: [[String]] = []
        let error = #expect(throws: CSVError.self) {
            try reader.read(bytes: rows.bytes, displayName: "uji.csv") { seen.append($0.strings) }
        }
        #expect(error?.code == .recordTooLong(limit: 4 * 65_536))
        #expect(error?.line == 9_001)
        try #require(seen.count == 9_000)
        #expect(seen[0] == ["kode", "isi"])
        for (index, fields) in seen.dropFirst().enumerated() where fields != ["K\(index + 1)", rows.cells[index]] {
            Issue.record("row \(index + 1): \(fields.count) cells, \(fields.joined().utf8.count) bytes")
            return
        }
    }

    @Test("every record before a parse error is handed over before the error")
    func errorAfterManyBatches() {
        var bytes = Self.manyRows(30_000)
        bytes += utf8("X,\"terbuka\n")
        var count = 0
        let error = #expect(throws: CSVError.self) {
            try CSVFileReader().read(bytes: bytes, displayName: "uji.csv") { _ in count += 1 }
        }
        #expect(count == 30_001)
        #expect(error?.code == .unterminatedQuote)
        #expect(error?.line == 30_000 + 3_000 + 2)
    }
}
