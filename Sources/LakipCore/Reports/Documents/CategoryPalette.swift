/// The colours of the kategori bands, shared by the documents and the workbook so that a band
/// looks the same on screen, on paper and in a spreadsheet.
enum CategoryPalette {
    /// Best first (green → red), readable in black-and-white print.
    static let colours: [UInt32] = [0x1B7F3B, 0x6BB24A, 0xE3B622, 0xEE8631, 0xCF3A2F]
    /// An indicator without a capaian.
    static let unmeasured: UInt32 = 0xB9BEC7

    /// The colour of band `index` of a scale with `count` bands: the palette spread over scales
    /// with fewer bands (a binary scale is green and red).
    static func colour(band index: Int, of count: Int) -> UInt32 {
        guard count > 1 else { return colours[0] }
        let position = (index * (colours.count - 1) + (count - 1) / 2) / (count - 1)
        return colours[min(max(position, 0), colours.count - 1)]
    }

    /// Black on the light bands (yellow, light green), white on the others.
    static func textColour(band index: Int, of count: Int) -> UInt32 {
        let fill = colour(band: index, of: count)
        return fill == colours[1] || fill == colours[2] ? 0x1D2125 : 0xFFFFFF
    }

    /// `#rrggbb` for CSS.
    static func css(_ colour: UInt32) -> String {
        let hex = String(colour, radix: 16)
        return "#" + String(repeating: "0", count: 6 - hex.count) + hex
    }
}
