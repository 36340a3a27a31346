/// A scale that names an achievement (kategori): ordered lower bounds with their labels.
public struct CategoryScale: PolicyChoice, Hashable {
    public struct Band: Sendable, Hashable {
        /// The lowest achievement in the band, inclusive.
        public var lowerBound: Achievement
        public var label: String
    }

    public var name: String
    /// Bands from the highest lower bound down.
    public var bands: [Band]
    /// The label below the lowest bound.
    public var lowestLabel: String

    /// Permendagri 86/2017: ≥ 91 Sangat Tinggi; ≥ 76 Tinggi; ≥ 66 Sedang; ≥ 51 Rendah;
    /// otherwise Sangat Rendah. The default.
    public static let permendagri86 = CategoryScale(
        name: "permendagri86",
        bands: [
            Band(lowerBound: Achievement(hundredths: 9_100), label: "Sangat Tinggi"),
            Band(lowerBound: Achievement(hundredths: 7_600), label: "Tinggi"),
            Band(lowerBound: Achievement(hundredths: 6_600), label: "Sedang"),
            Band(lowerBound: Achievement(hundredths: 5_100), label: "Rendah"),
        ],
        lowestLabel: "Sangat Rendah")

    /// The same bounds named Sangat Baik … Sangat Kurang.
    public static let sangatBaik = CategoryScale(
        name: "baik",
        bands: zip(permendagri86.bands, ["Sangat Baik", "Baik", "Cukup", "Kurang"]).map {
            Band(lowerBound: $0.0.lowerBound, label: $0.1)
        },
        lowestLabel: "Sangat Kurang")

    /// Tercapai at 100 and above, otherwise Tidak Tercapai.
    public static let binary = CategoryScale(
        name: "biner",
        bands: [Band(lowerBound: .hundred, label: "Tercapai")],
        lowestLabel: "Tidak Tercapai")

    /// The scale as a reader checks it: `≥ 91 Sangat Tinggi; …; selain itu Sangat Rendah` (id-ID
    /// decimals).
    public var sentence: String {
        bands.map { "≥ \(ReportCell.indonesian($0.lowerBound.description)) \($0.label)" }.joined(separator: "; ")
            + "; selain itu \(lowestLabel)"
    }

    /// Every label, highest band first.
    public var labels: [String] { bands.map(\.label) + [lowestLabel] }

    /// How many labels: `labels.count` without building the array, which the roll-ups ask for
    /// every indicator and the workbook and HTML for every coloured cell.
    public var labelCount: Int { bands.count + 1 }

    /// The label of `achievement`, judged on the printed (rounded) value so that a reader
    /// checking the table by hand gets the same kategori.
    public func category(of achievement: Achievement) -> String {
        bands.first { achievement >= $0.lowerBound }?.label ?? lowestLabel
    }

    /// The position of `achievement`'s label in ``labels``.
    public func bandIndex(of achievement: Achievement) -> Int {
        bands.firstIndex { achievement >= $0.lowerBound } ?? bands.count
    }
}

extension CategoryScale {
    /// The built-in scales, the default first.
    public static let choices = [permendagri86, sangatBaik, binary]

    /// What the policy file's `skala` says to use its own scale, from `[skala_kustom]`; also that
    /// scale's name unless `nama` gives another.
    public static let customName = "kustom"

    /// The names the policy file's `skala` takes, "permendagri86, baik, biner atau kustom": the
    /// built-in scales and ``customName``.
    public static var policyFileChoicePhrase: String {
        indonesianAlternatives(choices.map(\.name) + [customName])
    }
}
