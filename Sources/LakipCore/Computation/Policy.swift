/// A policy setting chosen by name: a negative formula, a kategori scale, a CSV dialect.
///
/// The names live with the type, and the command line, the policy file, the manifest, the
/// messages and the help all read them from there, so a name is spelled once.
public protocol PolicyChoice: Sendable {
    /// The name written on the command line, in the policy file and in the manifest.
    var name: String { get }
    /// Other spellings accepted for the same choice, in lower case.
    var aliases: [String] { get }
    /// Every choice, in the order messages and help list them.
    static var choices: [Self] { get }
    /// The choice called `name` or one of its aliases; `nil` for an unknown name.
    static func named(_ name: String) -> Self?
}

extension PolicyChoice {
    public var aliases: [String] { [] }

    /// Matches the name or an alias in any case.
    public static func named(_ name: String) -> Self? {
        let name = name.lowercased()
        return choices.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// The names as Indonesian prose, "permendagri86, baik atau biner": the list every message
    /// and help text gives.
    public static var choicePhrase: String { choicePhrase(\.name) }

    /// Every choice as `describe` writes it, as Indonesian prose ("a, b atau c").
    public static func choicePhrase(_ describe: (Self) -> String) -> String {
        indonesianAlternatives(choices.map(describe))
    }
}

/// `items` as Indonesian alternatives: "a", "a atau b", "a, b atau c".
func indonesianAlternatives(_ items: [String]) -> String {
    guard let last = items.last else { return "" }
    guard items.count > 1 else { return last }
    return items.dropLast().joined(separator: ", ") + " atau " + last
}

/// The formula used for lower-is-better (negatif) indicators.
public enum NegativeFormula: String, PolicyChoice, CaseIterable {
    /// (2T − R) / T × 100, the LAN / PermenPAN form "(T − (R − T)) / T"; the default.
    case difference = "selisih"
    /// T / R × 100, used by some Pemda.
    case ratio = "rasio"

    public var name: String { rawValue }

    public static var choices: [NegativeFormula] { allCases }

    /// Matches the name exactly: a formula has always been matched case-sensitively.
    public static func named(_ name: String) -> NegativeFormula? {
        NegativeFormula(rawValue: name)
    }

    /// The formula as the reports state it: "selisih, (2T − R) / T × 100".
    public var sentence: String {
        switch self {
        case .difference: "\(name), (2T − R) / T × 100"
        case .ratio: "\(name), T / R × 100"
        }
    }
}

/// The rules that turn targets and realisations into achievement: stated once, printed in
/// the validation report, so a reader knows which rules produced a table.
public struct Policy: Sendable {
    public var negativeFormula: NegativeFormula
    public var scale: CategoryScale
    /// Compute as of this quarter; later quarters are ignored.
    public var asOf: Quarter?
    /// Every printed capaian is limited to this; keterangan keeps the uncapped value.
    public var cap: Achievement?
    /// Scales of grade indicators (built-in ones first, then those of the policy file).
    public var gradeScales: [GradeScale]
    /// Extra header spellings for a particular export: header text → canonical column name.
    public var headerAliases: [String: String]
    /// Where the policy came from (a file name), for the validation report.
    public var source: String?

    public init(negativeFormula: NegativeFormula = .difference, scale: CategoryScale = .permendagri86, asOf: Quarter? = nil,
                cap: Achievement? = nil, gradeScales: [GradeScale] = GradeScale.builtIn, headerAliases: [String: String] = [:],
                source: String? = nil) {
        self.negativeFormula = negativeFormula
        self.scale = scale
        self.asOf = asOf
        self.cap = cap
        self.gradeScales = gradeScales
        self.headerAliases = headerAliases
        self.source = source
    }

    /// The last quarter whose data count.
    public var lastQuarter: Quarter { asOf ?? .tw4 }

    /// The policy as sentences, for the info rows at the top of `validasi.csv`.
    public var description: [(code: String, message: String)] {
        var lines: [(String, String)] = [
            ("kebijakan-sumber", source.map { "Kebijakan dibaca dari \($0); opsi baris perintah menimpanya." }
                ?? "Kebijakan bawaan (tanpa berkas lakip.toml)."),
            ("kebijakan-rumus-negatif", "Rumus polaritas negatif: \(negativeFormula.sentence)."),
            ("kebijakan-skala", "Skala kategori: \(scale.name) ("
                + scale.bands.map { "≥ \($0.lowerBound) \($0.label)" }.joined(separator: "; ")
                + "; selain itu \(scale.lowestLabel))."),
            ("kebijakan-batas", cap.map { "Capaian dibatasi paling tinggi \($0); nilai sebelum dibatasi ada di keterangan." }
                ?? "Capaian tidak dibatasi."),
            ("kebijakan-predikat", "Skala predikat: "
                + gradeScales.map { "\($0.name) (\($0.grades.joined(separator: " < ")))" }.joined(separator: "; ") + "."),
            ("kebijakan-as-of", asOf.map { "Dihitung s.d. \($0.label) (--as-of); triwulan sesudahnya diabaikan." }
                ?? "Dihitung dengan semua triwulan yang ada."),
        ]
        if !headerAliases.isEmpty {
            lines.append(("kebijakan-alias", "Alias kolom: "
                + headerAliases.sorted { $0.key < $1.key }.map { "'\($0.key)' = \($0.value)" }.joined(separator: "; ") + "."))
        }
        return lines
    }
}
