/// Budget beside performance for a group of indicators (an OPD or a sasaran): pagu,
/// realisation per quarter, absorption (serapan) and an efficiency figure.
public struct BudgetSummary: Sendable {
    /// Σ pagu_anggaran.
    public private(set) var ceiling: Fraction?
    /// Σ realisasi_anggaran per quarter; `nil` when no indicator reported that quarter.
    public private(set) var quarters: Quarterly<Fraction?> = Quarterly(repeating: nil)
    /// The capaian of the same indicators.
    public private(set) var performance: AgencySummary

    public init(categoryCount: Int) {
        performance = AgencySummary(agency: -1, categoryCount: categoryCount)
    }

    public mutating func add(_ indicator: Indicator, _ evaluation: IndicatorEvaluation, policy: Policy) {
        add(indicator, achievement: evaluation.headline.achievement, reportedQuarters: evaluation.reportedQuarterCount,
            policy: policy, through: evaluation.year.lastQuarter)
    }

    /// Adds one indicator's budget and its headline achievement.
    ///
    /// - Parameter through: the report period's last quarter: later budget quarters are left
    ///   out; `nil` takes the policy's `--as-of`, else TW4.
    public mutating func add(_ indicator: Indicator, achievement: Achievement?, reportedQuarters: Int, policy: Policy,
                             through: Quarter? = nil) {
        let through = through ?? policy.lastQuarter
        performance.add(achievement: achievement, reportedQuarters: reportedQuarters, weight: indicator.weight,
                        policy: policy, through: through)
        if let pagu = indicator.budgetCeiling?.fraction {
            ceiling = (ceiling ?? .zero).adding(pagu)
        }
        for (index, spent) in indicator.budgetActuals.enumerated() where index < through.rawValue {
            guard let spent else { continue }
            quarters[index] = (quarters[index] ?? .zero).adding(spent.fraction)
        }
    }

    /// Σ of the reported quarters.
    public var spent: Fraction? {
        let reported = quarters.compactMap { $0 }
        return reported.isEmpty ? nil : Aggregation.sum.combine(reported)
    }

    /// serapan = realisasi anggaran / pagu × 100.
    public var absorption: Achievement? {
        guard let spent, let ceiling else { return nil }
        return AchievementFormula.percent(spent, of: ceiling)
    }

    /// efisiensi = rata-rata capaian / serapan × 100: above 100 the indicators achieved
    /// proportionally more than the share of budget they spent.
    public var efficiency: Achievement? {
        guard let absorption, absorption.hundredths > 0, let mean = performance.meanAchievement else { return nil }
        return AchievementFormula.percent(mean.fraction, of: absorption.fraction)
    }
}
