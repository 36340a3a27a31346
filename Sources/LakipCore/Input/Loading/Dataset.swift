/// Everything loaded from a data directory: the indicators with their targets and folded-in
/// realisations, the agencies, what was read from each file and every problem found.
public struct Dataset: Sendable {
    public var text = TextStore()
    public var agencies: [Agency] = []
    /// The Pemda named by kode_pemda, in order of first appearance; empty for one Pemda's data.
    public var pemdas: [Pemda] = []
    /// Whether the targets carry kode_pemda: every key then includes the Pemda, and the tables
    /// gain kode_pemda and nama_pemda columns.
    public var keyedByPemda = false
    public var indicators: [Indicator] = []
    /// One summary per input file, in processing order.
    public var files: [FileSummary] = []
    /// Every problem found, in the order found; held in memory only up to a bound.
    public var issues = IssueLog()
    /// The scales ``Indicator/gradeScale`` refers to.
    public var gradeScales: [GradeScale] = GradeScale.builtIn
    /// (year, kode_opd, kode_indikator) → index in ``indicators``; empty once released
    /// (``releaseKeyIndexUnlessYearsCompared()``).
    var keyIndex = IndicatorKeyIndex()
    /// Whether ``keyIndex`` was released: a look-up then scans the indicators.
    private(set) var keyIndexReleased = false

    public init() {}

    /// The years that have indicators, ascending.
    public var years: [Int] { yearsPresent.sorted() }

    /// The years that have indicators. Indicators come year by year, so a year is hashed once
    /// per run of it rather than once per indicator: this is read between the load and the
    /// reports, while the other core has nothing to do.
    var yearsPresent: Set<Int> {
        var years = Set<Int>()
        var last = Int.min
        for index in indicators.indices where indicators[index].year != last {
            last = indicators[index].year
            years.insert(last)
        }
        return years
    }

    /// Rows rejected across all files.
    public var rowsRejected: Int { files.reduce(0) { $0 + $1.rowsRejected } }

    /// The indicator of `year` with the same agency and indicator code as `indicator`.
    public func indicator(matching indicator: Indicator, inYear year: Int) -> Int? {
        var wanted = IndicatorKeyIndex.Key()
        key(of: indicator, inYear: year, into: &wanted)
        guard keyIndexReleased else { return keyIndex.indicator(for: wanted) }
        // Without the index: the indicators of that year, compared key by key.
        var candidate = IndicatorKeyIndex.Key()
        return indicators.indices.first { index in
            guard indicators[index].year == year else { return false }
            key(of: indicators[index], inYear: year, into: &candidate)
            return candidate == wanted
        }
    }

    /// Makes `key` the key ``keyIndex`` files `indicator` under, with `year` for its year.
    private func key(of indicator: Indicator, inYear year: Int, into key: inout IndicatorKeyIndex.Key) {
        let agency = agencies[indicator.agency]
        text.withBytes(agency.code) { agencyCode in
            text.withBytes(indicator.code) { indicatorCode in
                guard let pemda = agency.pemda else {
                    return key.set(year: year, agencyCode: agencyCode, indicatorCode: indicatorCode)
                }
                text.withBytes(pemdas[pemda].code) { pemdaCode in
                    key.set(year: year, pemdaCode: pemdaCode, agencyCode: agencyCode, indicatorCode: indicatorCode)
                }
            }
        }
    }

    /// Frees the key index when no year of the data has indicators of the year or two before it,
    /// the only years the reports look an indicator up in (the comparison of years): the keys of a
    /// million indicators take some 54 MB, which the reports can use instead. Look-ups still
    /// answer afterwards, by a scan of the indicators.
    mutating func releaseKeyIndexUnlessYearsCompared() {
        let years = yearsPresent
        guard !years.contains(where: { years.contains($0 - 1) || years.contains($0 - 2) }) else { return }
        keyIndex = IndicatorKeyIndex()
        keyIndexReleased = true
    }

    /// The label of the total row over every OPD or Pemda: "TOTAL PEMDA" for one Pemda's data,
    /// else the province's total when all Pemda share one, or the national total.
    public var totalLabel: String {
        guard keyedByPemda else { return "TOTAL PEMDA" }
        let provinces = Set(pemdas.map(\.province))
        if provinces.count == 1, let province = provinces.first, !province.isEmpty {
            return "TOTAL PROVINSI " + text.string(province).uppercased()
        }
        return provinces.contains(where: { !$0.isEmpty }) ? "TOTAL NASIONAL" : "TOTAL SELURUH PEMDA"
    }

    /// The Pemda of `agency`, when the data name one.
    public func pemda(ofAgency agency: Int) -> Pemda? {
        agencies[agency].pemda.map { pemdas[$0] }
    }

    /// Adds an agency and returns its index.
    mutating func addAgency(code: TextRef, name: TextRef) -> Int {
        agencies.append(Agency(code: code, name: name))
        return agencies.count - 1
    }
}
