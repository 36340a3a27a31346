import FuzzSupport
import LakipCore

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer entry: the whole loader, then the computation and the report writer, on arbitrary
/// bytes as a target file and a realisation file.
///
/// Input layout: byte 0 holds flags (see ``LoaderCase``); the rest is split at its first NUL
/// byte: before it the target file, after it the realisation file (absent when there is no NUL).
///
/// With flag bit 6 set the rest of the input is not a CSV file but the choices from which
/// ``GeneratedFolder`` builds a data folder (cross-file duplicates, short rows; bit 7 makes the
/// second realisation file wide), and its own invariants are checked too.
///
/// Invariants checked on every input: the load either throws ``InputError`` with a message or
/// returns a dataset in which every file satisfies read = used + rejected; every indicator
/// evaluates; the reports and their manifests can be written, and `lakip verify` finds them
/// matching.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let input = LoaderCase(UnsafeBufferPointer(start: data, count: size))
    let directory = Scratch.directory + "/data"
    let output = Scratch.directory + "/out"
    Scratch.removeTree(directory)
    Scratch.removeTree(output)
    mkdir(directory, 0o755)
    let generated = input.generated
    if let generated {
        for (name, text) in generated.files { Scratch.write(Array(text.utf8), to: directory + "/" + name) }
    } else {
        Scratch.write(input.targets, to: directory + "/" + input.targetName)
        if let actuals = input.actuals {
            Scratch.write(actuals, to: directory + "/" + input.actualName)
        }
    }

    let dataset: Dataset
    do {
        dataset = try DataLoader(options: input.loadOptions).load(directory: directory)
    } catch let error as InputError {
        if error.message.isEmpty { fuzzFailure("InputError \(error.code) without a message") }
        return 0
    } catch {
        fuzzFailure("load threw a non-InputError: \(error)")
    }

    for file in dataset.files where file.rowsRead != file.rowsUsed + file.rowsRejected {
        fuzzFailure("\(file.name): read \(file.rowsRead) != used \(file.rowsUsed) + rejected \(file.rowsRejected)")
    }
    let rejectedIssues = dataset.issues.filter { $0.severity == .error }.count
    if rejectedIssues < dataset.rowsRejected {
        fuzzFailure("\(dataset.rowsRejected) rows rejected but only \(rejectedIssues) galat rows listed")
    }
    generated?.check(dataset, asOf: input.loadOptions.asOf)
    let evaluator = Evaluator(policy: input.policy)
    for indicator in dataset.indicators {
        _ = evaluator.evaluate(indicator)
    }
    if input.writesReports {
        let years = Array(dataset.years.prefix(2))
        var writer = ReportWriter(policy: input.policy)
        writer.provenance = RunProvenance(dataDirectory: directory, policyFile: nil, options: [("tahun", .null)])
        do {
            try writer.write(dataset, years: years, to: output)
        } catch {
            fuzzFailure("writing reports failed: \(error)")
        }
        // What was just written verifies against what was just read.
        if !years.isEmpty {
            do {
                let result = try Verifier(outputDirectory: output, dataDirectory: directory).verify()
                if !result.findings.isEmpty { fuzzFailure("fresh reports do not verify: \(result.findings)") }
            } catch {
                fuzzFailure("fresh manifests cannot be read: \(error)")
            }
        }
    }
    return 0
}

/// What one fuzz input asks for.
struct LoaderCase {
    var targets: ArraySlice<UInt8>
    var actuals: ArraySlice<UInt8>?
    var targetName: String
    var actualName: String
    var loadOptions: LoadOptions
    var policy: Policy
    var writesReports: Bool
    /// Set by flag bit 6: the folder is generated from the bytes after the flags.
    var generated: GeneratedFolder?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        let flags = bytes[0]
        if flags & 0x40 != 0 {
            generated = GeneratedFolder(Array(bytes.dropFirst())[...], wide: flags & 0x80 != 0)
        }
        let rest = Array(bytes.dropFirst())
        if let separator = rest.firstIndex(of: 0) {
            targets = rest[..<separator]
            actuals = rest[(separator + 1)...]
        } else {
            targets = rest[...]
            actuals = nil
        }
        // Bits 0–1: how files are named, so recognition by name and by header both run.
        switch flags & 0x03 {
        case 0: (targetName, actualName) = ("target.csv", "realisasi.csv")
        case 1: (targetName, actualName) = ("a.csv", "b.csv")
        case 2: (targetName, actualName) = ("target_2025.csv", "realisasi_2025.tsv")
        default: (targetName, actualName) = ("target.csv", "opd.csv")
        }
        let asOf: Quarter? = flags & 0x04 != 0 ? .tw2 : nil
        loadOptions = LoadOptions(year: flags & 0x08 != 0 ? 2025 : nil, asOf: asOf)
        policy = Policy(negativeFormula: flags & 0x10 != 0 ? .ratio : .difference, asOf: asOf)
        writesReports = flags & 0x20 != 0
    }
}
