/// The formula used for lower-is-better (negatif) indicators.
public enum NegativeFormula: String, Sendable, CaseIterable {
    /// (2T − R) / T × 100, the LAN / PermenPAN form "(T − (R − T)) / T"; the default.
    case difference = "selisih"
    /// T / R × 100, used by some Pemda.
    case ratio = "rasio"
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
        let formula = negativeFormula == .difference ? "selisih, (2T − R) / T × 100" : "rasio, T / R × 100"
        var lines: [(String, String)] = [
            ("kebijakan-sumber", source.map { "Kebijakan dibaca dari \($0); opsi baris perintah menimpanya." }
                ?? "Kebijakan bawaan (tanpa berkas lakip.toml)."),
            ("kebijakan-rumus-negatif", "Rumus polaritas negatif: \(formula)."),
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
