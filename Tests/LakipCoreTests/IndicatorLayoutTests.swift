import Testing
@testable import LakipCore

@Suite("Indicator layout")
struct IndicatorLayoutTests {
    /// A run holds a million indicators and more in one array, so each byte of an indicator is a
    /// megabyte of a run's peak memory. Model/Indicator.swift packs it (narrow numbers, inline
    /// quarters, the rarely used fields in one shared box) to fit 256 bytes; a new field that
    /// breaks the packing should fail here rather than show up as a slower, larger run.
    @Test("an indicator takes 256 bytes in an array")
    func stride() {
        #expect(MemoryLayout<Indicator>.stride == 256)
    }
}

@Suite("Indicator key index")
struct IndicatorKeyIndexTests {
    /// The key of (year, kode_opd, kode_indikator), built as the loader builds it.
    private func key(_ year: Int, _ agencyCode: String, _ indicatorCode: String) -> IndicatorKeyIndex.Key {
        var key = IndicatorKeyIndex.Key()
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

    @Test("the separator keeps agency and indicator codes apart")
    func codesDoNotRunTogether() {
        var index = IndicatorKeyIndex()
        index.insert(0, for: key(2025, "A1", "B"))
        #expect(index.indicator(for: key(2025, "A", "1B")) == nil)
        #expect(index.indicator(for: key(2025, "A1", "B")) == 0)
    }
}
