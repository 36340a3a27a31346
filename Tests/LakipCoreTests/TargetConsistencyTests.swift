import Testing
@testable import LakipCore

/// The 64-bit check that a target row's quarter targets combine to its annual target, against
/// the exact fractions the note `target-tidak-konsisten` is decided by.
@Suite("Target rows: quarter targets against the annual target")
struct TargetConsistencyTests {
    private func exactlyCombine(_ targets: Quarterly<TargetValue?>, _ aggregation: Aggregation, _ annual: ExactDecimal) -> Bool {
        aggregation.combine(targets.map { $0!.upper.fraction }) == annual.fraction
    }

    private func decimal(_ generator: inout SystemRandomNumberGenerator, digits: Int) -> ExactDecimal {
        let bound = Int64(Fraction.powerOfTen(digits))
        return ExactDecimal(significand: Int64.random(in: -bound...bound, using: &generator),
                            scale: UInt8.random(in: 0...4, using: &generator))
    }

    @Test("says equal exactly when the fractions are equal, for every agregasi and mix of scales")
    func agreesWithFractions() {
        var generator = SystemRandomNumberGenerator()
        var equal = 0
        for step in 0..<20_000 {
            let aggregation = [Aggregation.sum, .mean, .last][step % 3]
            let quarters = (0..<4).map { _ in decimal(&generator, digits: Int.random(in: 0...8, using: &generator)) }
            let targets = Quarterly<TargetValue?>(quarters.map { TargetValue($0) })
            // Half the annual targets are the quarters' own combination, when it is a decimal.
            var annual = decimal(&generator, digits: 6)
            if step % 2 == 0, let combined = aggregation.combine(quarters.map(\.fraction)),
               let exact = ExactDecimal(exactly: combined) {
                annual = exact
            }
            let surely = aggregation.surelyCombines(targets.lazy.map { $0!.upper }, to: annual)
            #expect(surely == exactlyCombine(targets, aggregation, annual), "\(quarters) \(aggregation) \(annual)")
            if surely { equal += 1 }
        }
        #expect(equal > 5_000)
    }

    @Test("near the 64-bit limit it never says equal wrongly")
    func neverWrongAtTheLimit() {
        let big = ExactDecimal(significand: Int64.max / 2, scale: 0)
        let fine = ExactDecimal(significand: 5, scale: 4)
        let targets = Quarterly<TargetValue?>(TargetValue(big), TargetValue(big), TargetValue(big), TargetValue(fine))
        for aggregation in [Aggregation.sum, .mean] {
            for annual in [big, ExactDecimal(significand: 0, scale: 0), fine] {
                let surely = aggregation.surelyCombines(targets.lazy.map { $0!.upper }, to: annual)
                #expect(!surely || exactlyCombine(targets, aggregation, annual))
            }
        }
        // Scaling alone overflows: 9·10^17 at four decimals.
        let wide = ExactDecimal(significand: 900_000_000_000_000_000, scale: 0)
        let scaled = Quarterly<TargetValue?>(TargetValue(wide), TargetValue(fine), TargetValue(fine), TargetValue(fine))
        #expect(!Aggregation.sum.surelyCombines(scaled.lazy.map { $0!.upper }, to: wide))
    }
}
