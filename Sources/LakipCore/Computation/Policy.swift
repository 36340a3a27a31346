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

    public init(negativeFormula: NegativeFormula = .difference, scale: CategoryScale = .permendagri86, asOf: Quarter? = nil) {
        self.negativeFormula = negativeFormula
        self.scale = scale
        self.asOf = asOf
    }

    /// The last quarter whose data count.
    public var lastQuarter: Quarter { asOf ?? .tw4 }
}
