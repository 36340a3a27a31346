import ArgumentParser

/// Usage errors in Bahasa Indonesia.
///
/// ArgumentParser words its own parse errors in English ("Unknown option '-q'"). The wording of
/// each kind is fixed, so it is matched here and said again in Indonesian; an error lakip raised
/// itself (a `ValidationError` from a transform) is already Indonesian and passes through.
enum UsageErrorText {
    /// One English pattern of ArgumentParser and its Indonesian wording; `$1`, `$2` … are the
    /// pattern's captures.
    private static let translations: [(pattern: String, indonesian: String)] = [
        (#"Unknown option '(.+)'\. Did you mean '(.+)'\?"#, "opsi '$1' tidak dikenal; maksudnya '$2'?"),
        (#"Unknown option '(.+)'"#, "opsi '$1' tidak dikenal"),
        (#"Unexpected argument '(.+)'"#, "argumen '$1' tidak dikenal"),
        (#"\d+ unexpected arguments: (.+)"#, "argumen tidak dikenal: $1"),
        (#"Missing value for '(.+)'"#, "nilai untuk $1 belum diisi"),
        (#"Missing expected argument '(.+)'"#, "argumen $1 belum diisi"),
        (#"The value '(.*)' is invalid for '([^']+)': (.+)"#, "nilai '$1' tidak sah untuk $2: $3"),
        (#"The value '(.*)' is invalid for '([^']+)'\. Please provide one of (.+)\."#,
         "nilai '$1' tidak sah untuk $2; pilih salah satu: $3."),
        (#"The value '(.*)' is invalid for '([^']+)'"#, "nilai '$1' tidak sah untuk $2"),
    ]

    /// `message` (ArgumentParser's, one line) in Indonesian; unknown wording is kept.
    static func indonesian(_ message: String) -> String {
        for (pattern, indonesian) in translations {
            guard let regex = try? Regex(pattern), let match = try? regex.wholeMatch(in: message) else { continue }
            var text = indonesian
            for index in stride(from: match.output.count - 1, through: 1, by: -1) {
                let capture = match.output[index].substring.map(String.init) ?? ""
                text = text.replacingOccurrences(of: "$\(index)", with: capture)
            }
            return text
        }
        return message
    }

    /// The lines lakip prints for a usage error of `command`: the error in Indonesian, the
    /// command's usage, and where to read more.
    static func lines(for error: Error, of command: ParsableCommand.Type) -> [String] {
        let message = Lakip.message(for: error).split(separator: "\n").map { indonesian(String($0)) }
        let usage = Lakip.usageString(for: command).replacingOccurrences(of: "Usage: ", with: "")
        let name = command == Lakip.self ? "lakip" : "lakip \(command._commandName)"
        return message.map { "galat: \($0)" } + ["Penggunaan: \(usage)", "Lihat '\(name) --help'."]
    }
}
