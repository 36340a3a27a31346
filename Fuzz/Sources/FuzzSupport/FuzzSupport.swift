#if canImport(Glibc)
import Glibc
#endif

/// Stops the fuzzer with a message: libFuzzer records the input that led here as a crash.
public func fuzzFailure(_ message: String, file: StaticString = #file, line: UInt = #line) -> Never {
    var text = "fuzz invariant broken: \(message)\n"
    text.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    fatalError(message, file: file, line: line)
}

/// A scratch directory for one fuzzing process, on tmpfs when there is one.
public enum Scratch {
    /// Created once per process; the fuzzer runs inputs one after another in one thread.
    public static let directory: String = {
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        var template = Array("\(base)/lakip-fuzz-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            fuzzFailure("mkdtemp failed")
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// Writes `bytes` to `path`, replacing what was there.
    public static func write<C: Collection>(_ bytes: C, to path: String) where C.Element == UInt8 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { fuzzFailure("cannot create \(path)") }
        defer { close(descriptor) }
        let array = Array(bytes)
        array.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                guard written > 0 else { fuzzFailure("cannot write \(path)") }
                offset += written
            }
        }
    }

    /// Removes `path` and everything under it.
    public static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            if let handle = opendir(path) {
                var names: [String] = []
                while let entry = readdir(handle) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) {
                        String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                    }
                    if name != "." && name != ".." { names.append(name) }
                }
                closedir(handle)
                for name in names { removeTree(path + "/" + name) }
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
