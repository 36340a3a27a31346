import Foundation
import Testing
@testable import LakipCore

@Suite("SHA-256")
struct SHA256Tests {
    struct Vector: CustomTestStringConvertible, Sendable {
        var name: String
        var message: [UInt8]
        var digest: String
        var testDescription: String { name }
    }

    // FIPS 180-4 examples and NIST CAVS short messages.
    static let vectors: [Vector] = [
        Vector(name: "empty", message: [], digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        Vector(name: "abc", message: Array("abc".utf8),
               digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        Vector(name: "448 bits (two blocks after padding)",
               message: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
               digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        Vector(name: "896 bits",
               message: Array(("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                               + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
               digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        Vector(name: "55 bytes (padding fits one block)", message: [UInt8](repeating: 0x61, count: 55),
               digest: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        Vector(name: "56 bytes (padding needs a second block)", message: [UInt8](repeating: 0x61, count: 56),
               digest: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        Vector(name: "64 bytes", message: [UInt8](repeating: 0x61, count: 64),
               digest: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
    ]

    @Test("known digests", arguments: vectors)
    func knownDigests(_ vector: Vector) {
        #expect(SHA256.hexDigest(of: vector.message) == vector.digest)
    }

    @Test("one million 'a' (FIPS 180-4 long message)")
    func millionA() {
        #expect(SHA256.hexDigest(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("fed in pieces of any size, the digest is the same")
    func incremental() {
        var generator = SystemRandomNumberGenerator()
        let message = (0..<5_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let expected = SHA256.hexDigest(of: message)
        for piece in [1, 3, 63, 64, 65, 127, 1000] {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                let end = min(message.count, start + piece)
                message[start..<end].withUnsafeBytes { hasher.update($0) }
                start = end
            }
            #expect(hasher.hexDigest() == expected, "pieces of \(piece)")
            #expect(hasher.byteCount == UInt64(message.count))
        }
    }

    @Test("a file hashes like its bytes, and a folder is refused")
    func fileDigest() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = [UInt8]((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let file = directory.appendingPathComponent("f.bin")
        try Data(bytes).write(to: file)
        let result = try #require(SHA256.file(at: file.path))
        #expect(result.sha256 == SHA256.hexDigest(of: bytes))
        #expect(result.size == 3_000_000)
        #expect(SHA256.file(at: directory.path) == nil)
        #expect(SHA256.file(at: directory.appendingPathComponent("tidak-ada").path) == nil)
    }
}
