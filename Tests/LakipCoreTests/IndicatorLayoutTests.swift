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
