import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// SHA-256, fed incrementally; for the manifest's file fingerprints.
///
/// A thin wrapper over swift-crypto's, which uses the processor's SHA extensions where it has
/// them: a run hashes its inputs and every byte it writes, so this is on the hot path.
public struct SHA256 {
    private var hasher = Crypto.SHA256()
    /// Bytes fed so far.
    public private(set) var byteCount: UInt64 = 0

    public init() {}

    /// Adds `bytes` to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        byteCount &+= UInt64(bytes.count)
        hasher.update(bufferPointer: bytes)
    }

    /// Adds `bytes` to the message.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    /// The digest of everything fed so far, as 64 lowercase hexadecimal digits. The hasher
    /// itself is left as it was.
    public func hexDigest() -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in hasher.finalize() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The digest of `bytes` in one call.
    public static func hexDigest<Bytes: Sequence>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.hexDigest()
    }

    /// The digest and size of the file at `path`, read in 1 MiB pieces (constant memory).
    ///
    /// - Returns: `nil` when the file cannot be opened or read, or is a directory.
    public static func file(at path: String) -> (sha256: String, size: UInt64)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
        return (hasher.hexDigest(), hasher.byteCount)
    }
}
