/// Reading the words of the domain as exports write them: quarters, polarity, aggregation,
/// years. Comparison ignores case, spaces, dots, underscores and hyphens.
public enum TermParsing {
    /// `bytes` lowercased (ASCII) with spaces, tabs, `.`, `_`, `-` and `/` removed:
    /// "TW I" → "twi", "Rata-rata" → "ratarata".
    public static func normalizedKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var key = [UInt8]()
        key.reserveCapacity(bytes.count)
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x2E, 0x5F, 0x2D, 0x2F, 0xA0: continue
            case 0xC2: continue  // lead byte of a UTF-8 no-break space
            case 0x41...0x5A: key.append(byte | 0x20)
            default: key.append(byte)
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    public static func normalizedKey(_ text: String) -> String {
        var text = text
        return text.withUTF8 { normalizedKey($0) }
    }

    private static let romanNumerals = ["i": 1, "ii": 2, "iii": 3, "iv": 4]

    /// A quarter written `1`, `I`, `TW I`, `TW1`, `TW-1`, `Triwulan 1`, `Triwulan II`, `Q1`.
    ///
    /// - Parameter requireMarker: when true, a bare `1` or `I` is not accepted (used for
    ///   column headers, where "TW I" names a quarter but "I" alone does not).
    public static func quarter(_ bytes: UnsafeBufferPointer<UInt8>, requireMarker: Bool = false) -> Quarter? {
        // The common spelling, a bare digit, without building a key.
        if !requireMarker, bytes.count == 1, (0x31...0x34).contains(bytes[0]) { return Quarter(rawValue: Int(bytes[0] - 0x30)) }
        return quarter(key: normalizedKey(bytes), requireMarker: requireMarker)
    }

    public static func quarter(_ text: String, requireMarker: Bool = false) -> Quarter? {
        quarter(key: normalizedKey(text), requireMarker: requireMarker)
    }

    static func quarter(key: String, requireMarker: Bool) -> Quarter? {
        var rest = Substring(key)
        var marked = false
        for marker in ["triwulan", "kuartal", "tw", "q"] where rest.hasPrefix(marker) {
            rest = rest.dropFirst(marker.count)
            marked = true
            break
        }
        if requireMarker && !marked { return nil }
        if let number = Int(rest), let quarter = Quarter(rawValue: number) { return quarter }
        if let number = romanNumerals[String(rest)] { return Quarter(rawValue: number) }
        return nil
    }

    /// Month spellings after ``normalizedKey``: Indonesian names and their usual short forms
    /// (with the older spellings Pebruari and Nopember), and the English ones some systems use.
    private static let monthWords: [String: Month] = {
        var table: [String: Month] = [:]
        let spellings: [(Month, [String])] = [
            (.january, ["januari", "jan", "january"]),
            (.february, ["februari", "feb", "pebruari", "peb", "february"]),
            (.march, ["maret", "mar", "march"]),
            (.april, ["april", "apr"]),
            (.may, ["mei", "may"]),
            (.june, ["juni", "jun", "june"]),
            (.july, ["juli", "jul", "july"]),
            (.august, ["agustus", "agu", "agt", "ags", "aug", "august"]),
            (.september, ["september", "sep", "sept"]),
            (.october, ["oktober", "okt", "october", "oct"]),
            (.november, ["november", "nov", "nopember", "nop"]),
            (.december, ["desember", "des", "december", "dec"]),
        ]
        for (month, words) in spellings {
            for word in words { table[word] = month }
        }
        return table
    }()

    /// What a message lists as the accepted month spellings.
    public static let monthSpellings = "1–12 (atau 01–12), nama bulan Januari–Desember, atau singkatan Jan, Feb, Mar, Apr, "
        + "Mei, Jun, Jul, Agu/Agt/Ags, Sep, Okt, Nov/Nop, Des"

    /// A month written `1`–`12`, `01`, `Januari`, `Jan`, `Agt`, `Nop`, `Bulan 3`, in any case.
    ///
    /// - Parameter requireMarker: when true, a bare number is not accepted (used for column
    ///   headers, where "Realisasi Bulan 1" names a month but "Realisasi 1" does not); names
    ///   are always accepted.
    public static func month(_ bytes: UnsafeBufferPointer<UInt8>, requireMarker: Bool = false) -> Month? {
        let trimmed = NumberParser.trimmed(bytes)
        // The common spelling, one or two digits, without building a key.
        if !requireMarker, (1...2).contains(trimmed.count), trimmed.allSatisfy({ (0x30...0x39).contains($0) }) {
            return Month(rawValue: trimmed.reduce(0) { $0 * 10 + Int($1 - 0x30) })
        }
        return month(key: normalizedKey(trimmed), requireMarker: requireMarker)
    }

    public static func month(_ text: String, requireMarker: Bool = false) -> Month? {
        var text = text
        return text.withUTF8 { month($0, requireMarker: requireMarker) }
    }

    static func month(key: String, requireMarker: Bool) -> Month? {
        var rest = Substring(key)
        var marked = false
        for marker in ["bulanke", "bulan", "bln"] where rest.hasPrefix(marker) {
            rest = rest.dropFirst(marker.count)
            marked = true
            break
        }
        if let word = monthWords[String(rest)] { return word }
        guard marked || !requireMarker, (1...2).contains(rest.count), rest.allSatisfy({ ("0"..."9").contains($0) }),
              let number = Int(rest) else { return nil }
        return Month(rawValue: number)
    }

    private static let positiveWords: Set<String> = [
        "positif", "positive", "+", "naik", "maks", "maksimal", "maksimum", "max",
        "semakintinggisemakinbaik", "makintinggimakinbaik", "tinggilebihbaik",
    ]
    private static let negativeWords: Set<String> = [
        "negatif", "negative", "turun", "min", "minimal", "minimum",
        "semakinrendahsemakinbaik", "makinrendahmakinbaik", "rendahlebihbaik",
    ]

    /// Polarity from `positif`/`+`/`naik`/`maks`/"semakin tinggi semakin baik" and
    /// `negatif`/`-`/`turun`/`min`/"semakin rendah semakin baik".
    public static func polarity(_ bytes: UnsafeBufferPointer<UInt8>) -> Polarity? {
        let trimmed = NumberParser.trimmed(bytes)
        // "-" means negatif here; normalizedKey would drop it.
        if trimmed.count == 1 && trimmed[0] == 0x2D { return .negative }
        // The canonical spellings, without building a key.
        if trimmed.hasSameBytes(as: "positif") { return .positive }
        if trimmed.hasSameBytes(as: "negatif") { return .negative }
        let key = normalizedKey(trimmed)
        if positiveWords.contains(key) { return .positive }
        if negativeWords.contains(key) { return .negative }
        return nil
    }

    public static func polarity(_ text: String) -> Polarity? {
        var text = text
        return text.withUTF8 { polarity($0) }
    }

    private static let aggregationWords: [String: Aggregation] = [
        "jumlah": .sum, "kumulatif": .sum, "sum": .sum, "akumulasi": .sum, "total": .sum,
        "akhir": .last, "posisi": .last, "last": .last, "posisiakhir": .last, "nilaiakhir": .last,
        "terakhir": .last,
        "ratarata": .mean, "rata": .mean, "mean": .mean, "average": .mean, "ratarata2": .mean,
    ]

    /// Aggregation from `jumlah`/`kumulatif`/`sum`, `akhir`/`posisi`/`last`,
    /// `rata-rata`/`rata`/`mean`.
    public static func aggregation(_ bytes: UnsafeBufferPointer<UInt8>) -> Aggregation? {
        // The canonical spellings, without building a key.
        if bytes.hasSameBytes(as: "jumlah") { return .sum }
        if bytes.hasSameBytes(as: "akhir") { return .last }
        if bytes.hasSameBytes(as: "rata-rata") { return .mean }
        return aggregationWords[normalizedKey(bytes)]
    }

    public static func aggregation(_ text: String) -> Aggregation? {
        aggregationWords[normalizedKey(text)]
    }

    /// The aggregation to assume when none is given: `akhir` for rates and scores
    /// (%, indeks, nilai, skor, rasio) and for lower-is-better indicators, else `jumlah`.
    public static func inferredAggregation(unit: String, polarity: Polarity) -> Aggregation {
        if polarity == .negative { return .last }
        let unit = unit.lowercased()
        let pointInTime = ["%", "persen", "indeks", "index", "nilai", "skor", "rasio", "predikat", "per "]
        return pointInTime.contains { unit.contains($0) } ? .last : .sum
    }

    /// A year written with four digits, 1900–2200.
    public static func year(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let text = NumberParser.trimmed(bytes)
        guard text.count == 4 else { return nil }
        var value = 0
        for byte in text {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return (1900...2200).contains(value) ? value : nil
    }
}
