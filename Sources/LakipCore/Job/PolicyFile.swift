import Foundation
import TOMLKit
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
/// Full TOML, read with TOMLKit (toml++). Every mistake a planner can make, in the TOML itself
/// or in a value lakip cannot use, stops the run with the file, the line and the key, in
/// Indonesian.
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
        let lines = PolicyLines(text)
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line
            throw PolicyError(file: displayName, line: line, key: lines.key(onLine: line),
                              message: Self.syntaxMessage(error.description) + " (kolom \(error.source.begin.column)).")
        }
        func problem(_ table: String, _ key: String?, _ message: String) -> PolicyError {
            PolicyError(file: displayName, line: lines.line(of: key, in: table), key: key, message: message)
        }
        var customBounds: (line: Int, values: [ExactDecimal])?
        var customLabels: (line: Int, values: [String])?
        var customName = CategoryScale.customName
        var wantsCustomScale = false
        for (key, value) in lines.ordered(Array(root)) {
            let fail = { (message: String) in problem("", key, message) }
            switch key {
            case "rumus_negatif":
                guard let formula = NegativeFormula.named(try Self.string(value, fail: fail)) else {
                    throw fail("nilai harus \(NegativeFormula.choicePhrase { "\"\($0.name)\"" }).")
                }
                negativeFormula = formula
            case "skala":
                let name = try Self.string(value, fail: fail)
                if name == CategoryScale.customName {
                    wantsCustomScale = true
                } else if let builtIn = CategoryScale.named(name) {
                    scale = builtIn
                } else {
                    throw fail("skala '\(name)' tidak dikenal; pilih \(CategoryScale.policyFileChoicePhrase).")
                }
            case "batas_capaian":
                let limit = try Self.number(value, fail: fail)
                guard limit.significand > 0, let achievement = Achievement(exactly: limit.fraction) else {
                    throw fail("batas capaian harus angka lebih dari 0, mis. 120.")
                }
                cap = achievement
            case "skala_kustom", "predikat", "alias":
                guard let table = value.table else {
                    throw fail("\(key) harus tabel: tulis [\(key)] di barisnya sendiri, lalu isinya di bawahnya.")
                }
                for (entry, value) in lines.ordered(Array(table), in: key) {
                    let fail = { (message: String) in problem(key, entry, message) }
                    switch (key, entry) {
                    case ("skala_kustom", "batas"):
                        customBounds = (lines.line(of: entry, in: key) ?? 0, try Self.numbers(value, fail: fail))
                    case ("skala_kustom", "label"):
                        customLabels = (lines.line(of: entry, in: key) ?? 0, try Self.strings(value, fail: fail))
                    case ("skala_kustom", "nama"):
                        customName = try Self.string(value, fail: fail)
                    case ("predikat", _):
                        let grades = try Self.strings(value, fail: fail)
                        guard grades.count >= 2, Set(grades.map { $0.uppercased() }).count == grades.count else {
                            throw fail("skala predikat perlu sedikitnya dua predikat yang berbeda, dari yang terendah.")
                        }
                        gradeScales.append(GradeScale(name: entry, grades: grades))
                    case ("alias", _):
                        let column = try Self.string(value, fail: fail)
                        guard Column.named(column) != nil else {
                            throw fail("kolom tujuan '\(column)' tidak dikenal; tulis nama kolom baku, mis. kode_opd.")
                        }
                        headerAliases[entry] = column
                    default:
                        throw fail("kunci tidak dikenal di tabel [\(key)].")
                    }
                }
            default:
                if value.table != nil {
                    throw PolicyError(file: displayName, line: lines.line(ofTable: key), key: key,
                                      message: "tabel tidak dikenal; yang ada: [skala_kustom], [predikat], [alias].")
                }
                throw fail("kunci tidak dikenal; yang ada: rumus_negatif, skala, batas_capaian.")
            }
        }
        if wantsCustomScale {
            guard let bounds = customBounds, let labels = customLabels else {
                throw problem("", "skala", "skala \"\(CategoryScale.customName)\" memerlukan tabel [skala_kustom] dengan batas dan label.")
            }
            scale = try Self.customScale(name: customName, bounds: bounds, labels: labels, file: displayName)
        }
    }

    /// What toml++ found wrong, said in Indonesian. Its messages read "Error while parsing
    /// <what>: <detail>"; the kind of thing it was reading says what to fix.
    static func syntaxMessage(_ description: String) -> String {
        if description.contains("cannot redefine") { return "kunci atau tabel ini sudah ditulis sebelumnya; tulis sekali saja" }
        if description.contains("parsing array") { return "daftar harus ditutup dengan ']'" }
        if description.contains("parsing string") { return "teks harus diapit tanda kutip \"…\"" }
        if description.contains("parsing table header") { return "judul tabel harus ditutup dengan ']'" }
        if description.contains("parsing key-value pair"),
           description.contains("end-of-file") || description.contains("expected '='") || description.contains("expected bare key") {
            return "baris harus berbentuk kunci = nilai"
        }
        if description.contains("parsing") {
            return "nilai tidak dapat dibaca; tulis teks dalam tanda kutip, angka dengan titik desimal, atau [daftar]"
        }
        return "bukan TOML yang sah"
    }

    private static func string(_ value: TOMLValueConvertible, fail: (String) -> PolicyError) throws -> String {
        guard let text = value.string else { throw fail("nilai harus teks dalam tanda kutip.") }
        return text
    }

    /// A TOML number as an exact decimal: an integer as it is, a float by its shortest decimal
    /// form (what was written: `120.5`, `66.7`).
    private static func number(_ value: TOMLValueConvertible, fail: (String) -> PolicyError) throws -> ExactDecimal {
        let text = value.int.map(String.init) ?? value.double.map { "\($0)" }
        guard let text, case .value(let number, _, _) = NumberParser.parse(text, convention: .point) else {
            throw fail("nilai harus angka.")
        }
        return number
    }

    private static func strings(_ value: TOMLValueConvertible, fail: (String) -> PolicyError) throws -> [String] {
        guard let items = value.array else { throw fail("nilai harus daftar teks, mis. [\"A\", \"B\"].") }
        return try items.map { try string($0, fail: fail) }
    }

    private static func numbers(_ value: TOMLValueConvertible, fail: (String) -> PolicyError) throws -> [ExactDecimal] {
        guard let items = value.array else { throw fail("nilai harus daftar angka, mis. [91, 76, 66, 51].") }
        return try items.map { try number($0, fail: fail) }
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

/// Where each key of a policy file stands, for messages that name the line: TOMLKit reports
/// positions of syntax errors only.
struct PolicyLines {
    /// (table, key) → the line of its first assignment; "" is the top level.
    private var keys: [String: [String: Int]] = [:]
    /// [table] → the line of its header.
    private var tables: [String: Int] = [:]
    /// Line → the key assigned on it.
    private var keyOnLine: [Int: String] = [:]

    init(_ text: String) {
        var table = ""
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let name = line.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                table = Self.unquoted(name)
                if tables[table] == nil { tables[table] = number }
                continue
            }
            guard !line.hasPrefix("#"), let equals = Self.assignment(in: line) else { continue }
            let key = Self.unquoted(line[..<equals].trimmingCharacters(in: .whitespaces))
            keyOnLine[number] = key
            if keys[table, default: [:]][key] == nil { keys[table, default: [:]][key] = number }
        }
    }

    func line(of key: String?, in table: String) -> Int? {
        guard let key else { return tables[table] }
        return keys[table]?[key] ?? tables[table]
    }

    func line(ofTable table: String) -> Int? { tables[table] }

    func key(onLine line: Int) -> String? { keyOnLine[line] }

    /// `entries` in the order they are written in `table`, so that what lakip reports and
    /// applies follows the file, not the parser's order.
    func ordered(_ entries: [(String, TOMLValueConvertible)], in table: String = "") -> [(String, TOMLValueConvertible)] {
        entries.sorted { a, b in
            let lineA = keys[table]?[a.0] ?? tables[a.0] ?? Int.max, lineB = keys[table]?[b.0] ?? tables[b.0] ?? Int.max
            return lineA != lineB ? lineA < lineB : a.0 < b.0
        }
    }

    /// The `=` of a `key = value` line, outside quotes.
    private static func assignment(in line: String) -> String.Index? {
        var quoted = false
        for index in line.indices {
            if line[index] == "\"" { quoted.toggle() }
            if line[index] == "=" && !quoted { return index }
        }
        return nil
    }

    private static func unquoted(_ text: String) -> String {
        text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") ? String(text.dropFirst().dropLast()) : text
    }
}
