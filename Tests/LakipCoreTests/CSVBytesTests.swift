import Testing
@testable import LakipCore

/// The CSV writer's byte buffer against an array doing the same: growth, and the value
/// semantics of copies.
@Suite("CSV bytes")
struct CSVBytesTests {
    @Test("appends of every size, past many doublings, hold what an array holds")
    func appendsMatchArray() {
        var generator = SystemRandomNumberGenerator()
        var bytes = CSVBytes(capacity: 1), model: [UInt8] = []
        for step in 0..<5_000 {
            let piece = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            switch step % 3 {
            case 0:
                piece.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
            case 1:
                for byte in piece { bytes.append(byte) }
            default:
                // Room asked for generously, fewer bytes written.
                bytes.append(atMost: piece.count + 17) { target in
                    for (offset, byte) in piece.enumerated() { target[offset] = byte }
                    return piece.count
                }
            }
            model += piece
        }
        #expect(Array(bytes) == model)
        #expect(bytes.count == model.count)
    }

    @Test("a copy that is changed gets its own bytes, and the original keeps its own")
    func copiesAreValues() {
        var original = CSVBytes(capacity: 1 << 10)
        original.append(contentsOf: Array("kode_opd;nama_opd\n".utf8))
        var copy = original
        copy.append(contentsOf: Array("DINKES;Dinas Kesehatan\n".utf8))
        // Both append after the same first bytes: neither may write over the other's.
        original.append(contentsOf: Array("BAPPEDA;Bappeda\n".utf8))
        #expect(String(decoding: original, as: UTF8.self) == "kode_opd;nama_opd\nBAPPEDA;Bappeda\n")
        #expect(String(decoding: copy, as: UTF8.self) == "kode_opd;nama_opd\nDINKES;Dinas Kesehatan\n")

        var emptied = copy
        emptied.removeAll()
        emptied.append(0x41)
        #expect(String(decoding: emptied, as: UTF8.self) == "A")
        #expect(String(decoding: copy, as: UTF8.self) == "kode_opd;nama_opd\nDINKES;Dinas Kesehatan\n")

        var tail = CSVBytes()
        tail.append(contentsOf: copy, from: 18)
        #expect(String(decoding: tail, as: UTF8.self) == "DINKES;Dinas Kesehatan\n")
    }
}
