import Testing
@testable import LakipCore

@Suite("Indicator layout")
struct IndicatorLayoutTests {
    /// A run holds a million indicators and more in one array, so each byte of an indicator is a
    /// megabyte of a run's peak memory. Model/Indicator.swift packs it (narrow numbers, inline
    /// quarters, the five targets as digits and scales side by side, the rarely used fields in
    /// one shared box) to fit 184 bytes; a new field that breaks the packing should fail here
    /// rather than show up as a slower, larger run.
    @Test("an indicator takes 184 bytes in an array")
    func stride() {
        #expect(MemoryLayout<Indicator>.stride == 184)
    }

    private func decimal(_ significand: Int64, _ scale: UInt8 = 0) -> ExactDecimal {
        ExactDecimal(significand: significand, scale: scale)
    }

    @Test("the packed targets give back every value, range and absence that was set")
    func packedTargets() {
        var indicator = Indicator(year: 2025, agency: 0, code: .empty, name: .empty, polarity: .positive, aggregation: .sum,
                                  annualTarget: TargetValue(lower: decimal(80), upper: decimal(905, 1)),
                                  quarterTargets: [TargetValue(decimal(-125, 2)), nil,
                                                   TargetValue(lower: decimal(1), upper: decimal(2)), TargetValue(decimal(Int64.max, 12))])
        #expect(indicator.annualTarget == TargetValue(lower: decimal(80), upper: decimal(905, 1)))
        #expect(indicator.annualTarget?.upper.scale == 1)
        #expect(indicator.quarterTargets[0] == TargetValue(decimal(-125, 2)) && indicator.quarterTargets[0]?.lower.scale == 2)
        #expect(indicator.quarterTargets[1] == nil)
        #expect(indicator.quarterTargets[2] == TargetValue(lower: decimal(1), upper: decimal(2)))
        #expect(indicator.quarterTargets[3] == TargetValue(decimal(Int64.max, 12)))
        // A zero target is a target, not an absent one.
        indicator.quarterTargets[1] = TargetValue(decimal(0))
        #expect(indicator.quarterTargets[1] == TargetValue(decimal(0)))
        // A range replaced by a single value loses its upper bound; with no range left, and no
        // other sparse field, the box is gone and the copy compares as a plain single target.
        indicator.annualTarget = TargetValue(decimal(75))
        indicator.quarterTargets[2] = nil
        #expect(indicator.annualTarget == TargetValue(decimal(75)) && indicator.annualTarget?.isRange == false)
        #expect(indicator.quarterTargets[2] == nil)
        #expect(indicator.renstraTarget == nil && indicator.budgetActuals.allSatisfy { $0 == nil })
        // Copies do not share a range set later.
        var copy = indicator
        copy.quarterTargets[0] = TargetValue(lower: decimal(5), upper: decimal(6))
        #expect(indicator.quarterTargets[0] == TargetValue(decimal(-125, 2)))
        #expect(copy.quarterTargets[0] == TargetValue(lower: decimal(5), upper: decimal(6)))
    }
}

@Suite("Indicator key index")
struct IndicatorKeyIndexTests {
    /// The key of (year, kode_opd, kode_indikator), built as the loader builds it.
    private func key(_ year: Int, _ agencyCode: String, _ indicatorCode: String, into key: IndicatorKeyIndex.Key = .init())
        -> IndicatorKeyIndex.Key {
        var key = key
        Array(agencyCode.utf8).withUnsafeBufferPointer { agency in
            Array(indicatorCode.utf8).withUnsafeBufferPointer { indicator in
                key.set(year: year, agencyCode: agency, indicatorCode: indicator)
            }
        }
        return key
    }

    @Test("the same codes in two years are two indicators, and the dataset finds each by year")
    func yearsAreDistinct() {
        var dataset = Dataset()
        let agency = dataset.addAgency(code: dataset.text.intern("1.01"), name: .empty)
        for year in [2024, 2025] {
            let indicator = Indicator(year: year, agency: agency, code: dataset.text.append("IK-1"), name: .empty,
                                      polarity: .positive, aggregation: .sum, annualTarget: nil)
            dataset.keyIndex.insert(dataset.indicators.count, for: key(year, "1.01", "IK-1"))
            dataset.indicators.append(indicator)
        }
        #expect(dataset.keyIndex.count == 2)
        #expect(dataset.keyIndex.indicator(for: key(2024, "1.01", "IK-1")) == 0)
        #expect(dataset.keyIndex.indicator(for: key(2025, "1.01", "IK-1")) == 1)
        #expect(dataset.indicator(matching: dataset.indicators[1], inYear: 2024) == 0)
        #expect(dataset.indicator(matching: dataset.indicators[0], inYear: 2025) == 1)
        #expect(dataset.indicator(matching: dataset.indicators[0], inYear: 2023) == nil)
    }

    @Test("a key longer than its room grows, and setting or copying a key leaves nothing of the one before")
    func keysOfAnyLength() {
        let longAgency = String(repeating: "1.01.", count: 60)
        let long = key(2025, longAgency, "IK-1")
        var index = IndicatorKeyIndex()
        index.insert(0, for: long)
        index.insert(1, for: key(2025, "A", "IK-1"))
        #expect(long == key(2025, longAgency, "IK-1"))
        #expect(long != key(2025, longAgency, "IK-2"))
        #expect(long != key(2025, String(longAgency.dropLast()), "IK-1"))
        // Copied into a key with no room for it, and then set to a short key in the room left.
        var reused = IndicatorKeyIndex.Key(capacity: 1)
        reused.copy(long)
        #expect(reused == long)
        #expect(index.indicator(for: reused) == 0)
        reused = key(2025, "A", "IK-1", into: reused)
        #expect(reused != long)
        #expect(reused == key(2025, "A", "IK-1"))
        #expect(index.indicator(for: reused) == 1)
        var short = IndicatorKeyIndex.Key(capacity: 4)
        short.copy(reused)
        #expect(short == reused)
        short.copy(IndicatorKeyIndex.Key())
        #expect(short == IndicatorKeyIndex.Key())
        #expect(short != reused)
    }

    @Test("the separator keeps agency and indicator codes apart")
    func codesDoNotRunTogether() {
        var index = IndicatorKeyIndex()
        index.insert(0, for: key(2025, "A1", "B"))
        #expect(index.indicator(for: key(2025, "A", "1B")) == nil)
        #expect(index.indicator(for: key(2025, "A1", "B")) == 0)
    }
}

@Suite("Sasaran summary layout")
struct SummaryLayoutTests {
    /// A national run keeps one summary per sasaran (a quarter of a million): each takes 160
    /// bytes and no array of its own.
    @Test("a summary takes 160 bytes, its kategori counts inline")
    func stride() {
        #expect(MemoryLayout<AgencySummary>.stride == 160)
        #expect(MemoryLayout<CategoryCounts>.stride == 48)
    }

    @Test("kategori counts of a scale longer than eight bands are kept too")
    func longScale() {
        var counts = CategoryCounts(bands: 10)
        counts[9] += 3
        counts[0] += 1
        counts[9] += 1
        #expect(Array(counts) == [1, 0, 0, 0, 0, 0, 0, 0, 0, 4])
        var short: CategoryCounts = [0, 2, 0, 0, 0]
        short[4] += 70_000
        #expect(Array(short) == [0, 2, 0, 0, 70_000] && short.count == 5)
        #expect(short == [0, 2, 0, 0, 70_000] && short != [0, 2, 0, 0, 1])
    }
}

@Suite("Dataset: the key index released when no year is compared")
struct KeyIndexReleaseTests {
    /// Two Pemda with the same OPD and indicator codes, and an OPD of its own, in each of `years`,
    /// as the loader leaves them.
    private func dataset(years: [Int]) throws -> Dataset {
        var rows = ["tahun,kode_pemda,nama_pemda,kode_opd,nama_opd,kode_indikator,indikator,satuan,polaritas,agregasi,target_tahunan"]
        for year in years {
            rows += ["\(year),P1,Kabupaten Satu,01,Dinas A,IK-01,Satu,%,positif,akhir,90",
                     "\(year),P1,Kabupaten Satu,01,Dinas A,IK-02,Dua,%,positif,akhir,90",
                     "\(year),P2,Kabupaten Dua,01,Dinas A,IK-01,Satu,%,positif,akhir,90",
                     "\(year),P2,Kabupaten Dua,02,Dinas B,IK-02,Dua,%,positif,akhir,90"]
        }
        return try loadScratch(text: ["target.csv": csvText(rows)])
    }

    /// The first `count` indicators, each looked up in each of `years`.
    private func lookUps(_ dataset: Dataset, first count: Int, in years: [Int]) -> [Int?] {
        dataset.indicators.prefix(count).flatMap { indicator in years.map { dataset.indicator(matching: indicator, inYear: $0) } }
    }

    @Test("years five apart: the loader releases the index, and every look-up gives what an index gives")
    func releasedWhenNoYearIsCompared() throws {
        let released = try dataset(years: [2020, 2025])
        #expect(released.keyIndexReleased && released.keyIndex.count == 0)
        // The same rows and a year after them, which keeps the index: its look-ups are the index's.
        let indexed = try dataset(years: [2020, 2025, 2026])
        #expect(!indexed.keyIndexReleased && indexed.keyIndex.count == 12)
        let asked = [2019, 2020, 2023, 2025]
        let byIndex = lookUps(indexed, first: 8, in: asked)
        // Each indicator finds itself and its twin of the other year, and nothing else.
        #expect(byIndex.compactMap { $0 }.count == 16)
        #expect(lookUps(released, first: 8, in: asked) == byIndex)
    }

    @Test("a year with the year or two before it keeps the index", arguments: [[2024, 2025], [2023, 2025], [2021, 2023, 2030]])
    func keptWhenYearsAreCompared(years: [Int]) throws {
        let dataset = try dataset(years: years)
        #expect(!dataset.keyIndexReleased && dataset.keyIndex.count == 4 * years.count)
    }
}
