import Foundation

/// What produced one year's reports: `reports/<tahun>/manifest.json`.
///
/// Lists the tool version, the effective options and policy, every input file (name relative
/// to the data folder, size, SHA-256, rows read / used / rejected) and every output file (path
/// relative to the output folder, size, SHA-256). It holds nothing machine-specific: no
/// absolute path, no time. The same input gives the same manifest byte for byte.
public struct Manifest: Sendable, Equatable {
    /// The manifest's own format; readers refuse a newer one.
    public static let formatVersion = 1
    public static let fileName = "manifest.json"

    public struct Input: Sendable, Equatable {
        /// The `jenis` of the policy file. A manifest without such an entry records a run that
        /// read no policy file; `lakip verify` then reports one found later.
        public static let policyKind = "kebijakan"

        /// The name relative to the data folder (or the policy file's name as given).
        public var name: String
        /// target, realisasi, target+realisasi, opd, or kebijakan for the policy file.
        public var kind: String
        public var size: UInt64
        public var sha256: String
        /// Row counts; `nil` for the policy file, which has no data rows.
        public var rowsRead: Int?
        public var rowsUsed: Int?
        public var rowsRejected: Int?
    }

    public struct Output: Sendable, Equatable {
        /// The path relative to the output folder, e.g. `2025/capaian.csv` or `validasi.csv`.
        public var path: String
        public var size: UInt64
        public var sha256: String
    }

    public var toolVersion: String
    public var year: Int
    /// The report period: `TAHUNAN` or `s.d. TW2` (SPEC §4.1); `nil` in manifests written
    /// before periods had folders of their own.
    public var period: String?
    /// The effective options, in a fixed order.
    public var options: [(key: String, value: JSONValue)]
    /// The policy in force, as `validasi.csv` states it (code → sentence).
    public var policy: [(code: String, message: String)]
    public var inputs: [Input]
    public var outputs: [Output]

    public static func == (lhs: Manifest, rhs: Manifest) -> Bool {
        lhs.json() == rhs.json()
    }

    /// The manifest as JSON: keys in a fixed order, two-space indent, LF, a final newline.
    public func json() -> String {
        let inputObjects: [JSONValue] = inputs.map { input in
            var fields: [(String, JSONValue)] = [("nama", .string(input.name)), ("jenis", .string(input.kind)),
                                                 ("ukuran", .integer(Int64(input.size))), ("sha256", .string(input.sha256))]
            if let read = input.rowsRead, let used = input.rowsUsed, let rejected = input.rowsRejected {
                fields += [("baris_dibaca", .integer(Int64(read))), ("baris_dipakai", .integer(Int64(used))),
                           ("baris_ditolak", .integer(Int64(rejected)))]
            }
            return .object(fields)
        }
        let outputObjects: [JSONValue] = outputs.map { output in
            .object([("path", .string(output.path)), ("ukuran", .integer(Int64(output.size))), ("sha256", .string(output.sha256))])
        }
        var fields: [(String, JSONValue)] = [
            ("format", .string("lakip-manifest/\(Self.formatVersion)")),
            ("versi_lakip", .string(toolVersion)),
            ("tahun", .integer(Int64(year))),
        ]
        if let period { fields.append(("periode", .string(period))) }
        fields += [
            ("opsi", .object(options.map { ($0.key, $0.value) })),
            ("kebijakan", .object(policy.map { ($0.code, .string($0.message)) })),
            ("masukan", .array(inputObjects)),
            ("keluaran", .array(outputObjects)),
        ]
        let root = JSONValue.object(fields)
        return root.serialized(indent: 0) + "\n"
    }

    /// Reads a manifest written by ``json()``.
    ///
    /// - Throws: ``ManifestError`` when the text is not a manifest of a known format.
    public init(json bytes: [UInt8], name: String) throws {
        func fail(_ what: String) -> ManifestError { ManifestError(file: name, message: what) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw fail("bukan JSON yang sah")
        }
        guard let format = object["format"] as? String, format.hasPrefix("lakip-manifest/") else {
            throw fail("bukan manifest lakip (kunci 'format' tidak ada)")
        }
        guard let version = Int(format.dropFirst("lakip-manifest/".count)), version <= Self.formatVersion else {
            throw fail("format \(format) lebih baru dari yang dikenal lakip \(ToolVersion.current); perbarui lakip")
        }
        guard let tool = object["versi_lakip"] as? String, let year = (object["tahun"] as? NSNumber)?.intValue,
              let inputs = object["masukan"] as? [[String: Any]], let outputs = object["keluaran"] as? [[String: Any]] else {
            throw fail("kunci versi_lakip, tahun, masukan atau keluaran tidak ada")
        }
        toolVersion = tool
        self.year = year
        period = object["periode"] as? String
        options = []
        policy = (object["kebijakan"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        self.inputs = try inputs.map { entry in
            guard let name = entry["nama"] as? String, let sha = entry["sha256"] as? String,
                  let size = (entry["ukuran"] as? NSNumber)?.uint64Value else {
                throw fail("entri masukan tanpa nama, ukuran atau sha256")
            }
            return Input(name: name, kind: entry["jenis"] as? String ?? "", size: size, sha256: sha,
                         rowsRead: (entry["baris_dibaca"] as? NSNumber)?.intValue,
                         rowsUsed: (entry["baris_dipakai"] as? NSNumber)?.intValue,
                         rowsRejected: (entry["baris_ditolak"] as? NSNumber)?.intValue)
        }
        self.outputs = try outputs.map { entry in
            guard let path = entry["path"] as? String, let sha = entry["sha256"] as? String,
                  let size = (entry["ukuran"] as? NSNumber)?.uint64Value else {
                throw fail("entri keluaran tanpa path, ukuran atau sha256")
            }
            return Output(path: path, size: size, sha256: sha)
        }
    }

    public init(toolVersion: String = ToolVersion.current, year: Int, period: String? = nil,
                options: [(key: String, value: JSONValue)], policy: [(code: String, message: String)],
                inputs: [Input], outputs: [Output]) {
        self.toolVersion = toolVersion
        self.year = year
        self.period = period
        self.options = options
        self.policy = policy
        self.inputs = inputs
        self.outputs = outputs
    }
}

/// A manifest that cannot be read.
public struct ManifestError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)." }
}

/// A JSON value written with a fixed key order, so manifests are byte-identical run to run.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized(indent: 0) == rhs.serialized(indent: 0)
    }

    func serialized(indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent + 1), closing = String(repeating: "  ", count: indent)
        switch self {
        case .string(let text): return Self.quoted(text)
        case .integer(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            // Arrays of scalars stay on one line; of objects, one per line.
            if items.allSatisfy({ if case .object = $0 { false } else { true } }) {
                return "[" + items.map { $0.serialized(indent: indent) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { pad + $0.serialized(indent: indent + 1) }.joined(separator: ",\n") + "\n" + closing + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { pad + Self.quoted($0.0) + ": " + $0.1.serialized(indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + closing + "}"
        }
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

