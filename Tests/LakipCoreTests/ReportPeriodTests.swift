import Testing
@testable import LakipCore

/// Which period each year is reported for, and what it is called (SPEC §4.1, §5).
@Suite("Report period")
struct ReportPeriodTests {
    @Test("the long table's period labels (SPEC §5 capaian.csv)")
    func periodLabels() {
        #expect(Period.reported.map(\.label) == ["TW1", "TW2", "TW3", "TW4", "S1", "S2", "TAHUNAN"])
        #expect(Quarter.allCases.map { Period.throughQuarter($0).label } == ["s.d. TW1", "s.d. TW2", "s.d. TW3", "s.d. TW4"])
        #expect(Quarter.allCases.map { "TW\($0.rawValue)" } == Quarter.allCases.map(\.label))
    }

    /// Indicators of 2024 reported through TW4, of 2025 through TW2 (one conflicting in TW3),
    /// and 2026 with targets only.
    static var dataset: Dataset {
        var data = Dataset()
        var full = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "10", actuals: ["1", "2", "3", "4"])
        full.year = 2024
        let july = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "10", actuals: ["1", "2"])
        var conflicting = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "10", actuals: ["1"])
        conflicting.actuals[2] = .conflicting(firstLine: 3)
        var planned = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "10", actuals: [])
        planned.year = 2026
        data.indicators = [full, july, planned]
        var withConflict = data
        withConflict.indicators.append(conflicting)
        return withConflict
    }

    @Test("without --as-of: the latest quarter with a realisation, a conflicting one included; none → TW1")
    func fromTheData() {
        let periods = ReportPeriod.periods(of: [2024, 2025, 2026], in: Self.dataset, asOf: nil)
        #expect(periods.map(\.through) == [.tw4, .tw3, .tw1])
        #expect(periods.map(\.reason) == [.latestRealisation, .latestRealisation, .noRealisation])
        #expect(periods.map(\.folder) == ["2024", "2025/TW3", "2026/TW1"])
    }

    /// Indicators of 2023–2026 in runs of one year, the runs in any order and a year coming back
    /// after others, each reporting some quarters (any of them, a conflicting one too, or none).
    static func shuffledYears(seed: UInt64) -> Dataset {
        var random = SplitMix64(seed: seed)
        var data = Dataset()
        for _ in 0..<Int.random(in: 1...12, using: &random) {
            let year = Int.random(in: 2023...2026, using: &random)
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                var item = indicator(.positive, .sum, targets: [nil, nil, nil, nil], annual: "10", actuals: [])
                item.year = year
                for quarter in 0..<4 {
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: item.actuals[quarter] = .reported(ExactDecimal(significand: 1, scale: 0), line: 2)
                    case 1: item.actuals[quarter] = .conflicting(firstLine: 3)
                    default: break
                    }
                }
                data.indicators.append(item)
            }
        }
        return data
    }

    @Test("the period of each year is its latest realisation over all its indicators, whatever their order",
          arguments: 0..<200)
    func latestOverShuffledYears(seed: Int) {
        let data = Self.shuffledYears(seed: UInt64(seed))
        // One indicator at a time, with a look-up each.
        var latest: [Int: Quarter] = [:]
        for item in data.indicators {
            guard let last = (0..<4).last(where: { item.actuals[$0] != .unreported }) else { continue }
            latest[item.year] = max(latest[item.year] ?? .tw1, Quarter.allCases[last])
        }
        let years = Set(data.indicators.map(\.year))
        #expect(data.yearsPresent == years)
        #expect(data.years == years.sorted())
        let periods = ReportPeriod.periods(of: Array(2022...2027), in: data, asOf: nil)
        #expect(periods.map(\.through) == (2022...2027).map { latest[$0] ?? .tw1 }, "seed \(seed)")
        #expect(periods.map(\.reason) == (2022...2027).map { latest[$0] == nil ? .noRealisation : .latestRealisation },
                "seed \(seed)")
    }

    @Test("--as-of names the period of every year")
    func asOf() {
        let periods = ReportPeriod.periods(of: [2024, 2025], in: Self.dataset, asOf: .tw2)
        #expect(periods.map(\.folder) == ["2024/TW2", "2025/TW2"] && periods.allSatisfy { $0.reason == .asOf })
    }

    @Test("names: periode, title, folder", arguments: [
        (Quarter.tw2, "s.d. TW2", "Laporan Kinerja Triwulan II Tahun 2025 (s.d. TW II)", "2025/TW2", "Capaian s.d. TW II"),
        (.tw4, "TAHUNAN", "Laporan Kinerja Tahun 2025", "2025", "Capaian tahunan"),
    ])
    func names(_ quarter: Quarter, _ label: String, _ title: String, _ folder: String, _ headline: String) {
        let period = ReportPeriod(year: 2025, through: quarter)
        #expect(period.label == label && period.title == title && period.folder == folder && period.headlineName == headline)
        #expect(period.isCompleteYear == (quarter == .tw4))
    }
}
