#if canImport(Glibc)
import Glibc
#endif

/// A problem in the policy file: stops the run before anything is written (exit status 2).
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public var description: String {
        var place = file
        if let line { place += ", baris \(line)" }
        if let key { place += ", kunci '\(key)'" }
        return "\(place): \(message)"
    }
}

/// The optional policy file, `lakip.toml` in the data directory or given with `--config`.
///
/// It is written in a small, strict subset of TOML, enough for the policy and readable by any
/// TOML tool: `# comments`, `[tables]`, and `key = value` with strings, numbers or one-line
/// arrays. A strict reader of our own (rather than a general TOML library) lets every error name
/// its line and key, which is what a planner editing the file needs.
///
/// ```toml
/// rumus_negatif = "selisih"      # one of NegativeFormula.choices
/// skala = "permendagri86"        # one of CategoryScale.choices, or "kustom"
/// batas_capaian = 120            # optional cap on every printed capaian
///
/// [skala_kustom]                 # used with skala = "kustom"
/// batas = [90, 75, 60]           # lower bounds, highest first
/// label = ["A", "B", "C", "D"]   # one more label than bounds
///
/// [predikat]                     # extra grade scales, lowest grade first
/// indeks_rb = ["D", "C", "B", "A"]
///
/// [alias]                        # header spellings of a particular export
/// "Kode Satker" = "kode_opd"
/// ```
public struct PolicyFile: Sendable, Equatable {
    public var negativeFormula: NegativeFormula?
    public var scale: CategoryScale?
    public var cap: Achievement?
    public var gradeScales: [GradeScale] = []
    public var headerAliases: [String: String] = [:]

    /// The file name looked for in the data directory.
    public static let defaultName = "lakip.toml"

    public init() {}

    /// Reads the policy file at `path`.
    public init(path: String, displayName: String) throws {
        guard let handle = fopen(path, "r") else {
            throw PolicyError(file: displayName, message: "berkas kebijakan tidak dapat dibuka (\(SystemErrorText.describe(errno))).")
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count <= 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > 1 << 20 {
                throw PolicyError(file: displayName, message: "berkas kebijakan lebih dari 1 MiB; periksa isinya.")
            }
        }
        try self.init(text: String(decoding: bytes, as: UTF8.self), displayName: displayName)
    }

    /// Parses policy text.
    public init(text: String, displayName: String = PolicyFile.defaultName) throws {
        self.init()
        var table = ""
        var customBounds: (line: Int, values: [ExactDecimal])?
        var customLabels: (line: Int, values: [String])?
        var customName = CategoryScale.customName
        var wantsCustomScale: Int?
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, rawLine) in lines.enumerated() {
            let number = offset + 1
            func fail(_ key: String?, _ message: String) -> PolicyError {
                PolicyError(file: displayName, line: number, key: key, message: message)
            }
            let line = Self.strippingComment(String(rawLine)).trimmingSpaces
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw fail(nil, "judul tabel harus ditutup dengan ']'.") }
                table = String(line.dropFirst().dropLast()).trimmingSpaces
                guard ["skala_kustom", "predikat", "alias"].contains(table) else {
                    throw fail(table, "tabel tidak dikenal; yang ada: [skala_kustom], [predikat], [alias].")
                }
                continue
            }
            guard let equals = Self.assignmentIndex(in: line) else {
                throw fail(nil, "baris harus berbentuk kunci = nilai.")
            }
            let key = try Self.key(String(line[..<equals]).trimmingSpaces, fail: fail)
            let value = try PolicyValue(String(line[line.index(after: equals)...]).trimmingSpaces, fail: { fail(key, $0) })
            switch (table, key) {
            case ("", "rumus_negatif"):
                guard let formula = NegativeFormula.named(try value.string(fail: { fail(key, $0) })) else {
                    throw fail(key, "nilai harus \(NegativeFormula.choicePhrase { "\"\($0.name)\"" }).")
                }
                negativeFormula = formula
            case ("", "skala"):
                let name = try value.string(fail: { fail(key, $0) })
                if name == CategoryScale.customName {
                    wantsCustomScale = number
                } else if let builtIn = CategoryScale.named(name) {
                    scale = builtIn
                } else {
                    throw fail(key, "skala '\(name)' tidak dikenal; pilih \(CategoryScale.policyFileChoicePhrase).")
                }
            case ("", "batas_capaian"):
                let limit = try value.number(fail: { fail(key, $0) })
                guard limit.significand > 0, let achievement = Achievement(exactly: limit.fraction) else {
                    throw fail(key, "batas capaian harus angka lebih dari 0, mis. 120.")
                }
                cap = achievement
            case ("skala_kustom", "batas"):
                customBounds = (number, try value.numbers(fail: { fail(key, $0) }))
            case ("skala_kustom", "label"):
                customLabels = (number, try value.strings(fail: { fail(key, $0) }))
            case ("skala_kustom", "nama"):
                customName = try value.string(fail: { fail(key, $0) })
            case ("predikat", _):
                let grades = try value.strings(fail: { fail(key, $0) })
                guard grades.count >= 2, Set(grades.map { $0.uppercased() }).count == grades.count else {
                    throw fail(key, "skala predikat perlu sedikitnya dua predikat yang berbeda, dari yang terendah.")
                }
                gradeScales.append(GradeScale(name: key, grades: grades))
            case ("alias", _):
                let column = try value.string(fail: { fail(key, $0) })
                guard Column.named(column) != nil else {
                    throw fail(key, "kolom tujuan '\(column)' tidak dikenal; tulis nama kolom baku, mis. kode_opd.")
                }
                headerAliases[key] = column
            default:
                throw fail(key, "kunci tidak dikenal" + (table.isEmpty ? "; yang ada: rumus_negatif, skala, batas_capaian."
                                                                   : " di tabel [\(table)]."))
            }
        }
        if let line = wantsCustomScale {
            guard let bounds = customBounds, let labels = customLabels else {
                throw PolicyError(file: displayName, line: line, key: "skala",
                                  message: "skala \"\(CategoryScale.customName)\" memerlukan tabel [skala_kustom] dengan batas dan label.")
            }
            scale = try Self.customScale(name: customName, bounds: bounds, labels: labels, file: displayName)
        }
    }

    private static func customScale(name: String, bounds: (line: Int, values: [ExactDecimal]),
                                    labels: (line: Int, values: [String]), file: String) throws -> CategoryScale {
        guard !bounds.values.isEmpty else {
            throw PolicyError(file: file, line: bounds.line, key: "batas", message: "isi sedikitnya satu batas.")
        }
        for (higher, lower) in zip(bounds.values, bounds.values.dropFirst()) where !(lower < higher) {
            throw PolicyError(file: file, line: bounds.line, key: "batas",
                              message: "batas harus urut dari yang tertinggi dan tidak kembar (\(higher) lalu \(lower)).")
        }
        guard labels.values.count == bounds.values.count + 1 else {
            throw PolicyError(file: file, line: labels.line, key: "label",
                              message: "label harus \(bounds.values.count + 1) (satu lebih banyak dari batas), ada \(labels.values.count).")
        }
        var bands: [CategoryScale.Band] = []
        for (bound, label) in zip(bounds.values, labels.values) {
            guard let lowerBound = Achievement(exactly: bound.fraction) else {
                throw PolicyError(file: file, line: bounds.line, key: "batas", message: "batas \(bound) di luar jangkauan.")
            }
            bands.append(CategoryScale.Band(lowerBound: lowerBound, label: label))
        }
        return CategoryScale(name: name, bands: bands, lowestLabel: labels.values.last!)
    }

    /// The line without a `#` comment outside quotes.
    private static func strippingComment(_ line: String) -> String {
        var quoted = false
        for index in line.indices {
            if line[index] == "\"" { quoted.toggle() }
            if line[index] == "#" && !quoted { return String(line[..<index]) }
        }
        return line
    }

    private static func assignmentIndex(in line: String) -> String.Index? {
        var quoted = false
        for index in line.indices {
            if line[index] == "\"" { quoted.toggle() }
            if line[index] == "=" && !quoted { return index }
        }
        return nil
    }

    private static func key(_ text: String, fail: (String?, String) -> PolicyError) throws -> String {
        if text.hasPrefix("\"") {
            guard text.count >= 2, text.hasSuffix("\"") else { throw fail(text, "kunci bertanda kutip harus ditutup.") }
            return String(text.dropFirst().dropLast())
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw fail(text, "kunci harus huruf, angka, _ atau -, atau diberi tanda kutip.")
        }
        return text
    }

    /// The policy with this file's settings applied over `base`.
    public func applied(to base: Policy, source: String) -> Policy {
        var policy = base
        if let negativeFormula { policy.negativeFormula = negativeFormula }
        if let scale { policy.scale = scale }
        if let cap { policy.cap = cap }
        policy.gradeScales += gradeScales
        policy.headerAliases.merge(headerAliases) { _, new in new }
        policy.source = source
        return policy
    }
}

/// A value of the policy file: a string, a number, or a one-line array of them.
private enum PolicyValue {
    case string(String)
    case number(ExactDecimal)
    case array([PolicyValue])

    init(_ text: String, fail: (String) -> PolicyError) throws {
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { throw fail("daftar harus ditutup dengan ']' pada baris yang sama.") }
            let inner = text.dropFirst().dropLast()
            var items: [PolicyValue] = []
            var current = ""
            var quoted = false
            for character in inner {
                if character == "\"" { quoted.toggle() }
                if character == "," && !quoted {
                    items.append(try PolicyValue(current.trimmingSpaces, fail: fail))
                    current = ""
                } else {
                    current.append(character)
                }
            }
            if !current.trimmingSpaces.isEmpty { items.append(try PolicyValue(current.trimmingSpaces, fail: fail)) }
            self = .array(items)
        } else if text.hasPrefix("\"") {
            guard text.count >= 2, text.hasSuffix("\""), !text.dropFirst().dropLast().contains("\"") else {
                throw fail("teks harus diapit tanda kutip \"…\".")
            }
            self = .string(String(text.dropFirst().dropLast()))
        } else if case .value(let number, _, _) = NumberParser.parse(text, convention: .point), !text.contains(",") {
            self = .number(number)
        } else {
            throw fail("nilai '\(text)' tidak dapat dibaca; tulis teks dalam tanda kutip, angka dengan titik desimal, atau [daftar].")
        }
    }

    func string(fail: (String) -> PolicyError) throws -> String {
        guard case .string(let value) = self else { throw fail("nilai harus teks dalam tanda kutip.") }
        return value
    }

    func number(fail: (String) -> PolicyError) throws -> ExactDecimal {
        guard case .number(let value) = self else { throw fail("nilai harus angka.") }
        return value
    }

    func strings(fail: (String) -> PolicyError) throws -> [String] {
        guard case .array(let items) = self else { throw fail("nilai harus daftar teks, mis. [\"A\", \"B\"].") }
        return try items.map { try $0.string(fail: fail) }
    }

    func numbers(fail: (String) -> PolicyError) throws -> [ExactDecimal] {
        guard case .array(let items) = self else { throw fail("nilai harus daftar angka, mis. [91, 76, 66, 51].") }
        return try items.map { try $0.number(fail: fail) }
    }
}
