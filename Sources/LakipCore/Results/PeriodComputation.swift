/// What renders indicators as they are computed: one value per batch, filled on a worker and
/// handed back in PK order (see ``PeriodComputation/run(render:consume:)``).
protocol IndicatorBatchRenderer: Sendable {
    /// Takes one indicator's result; called in PK order within a batch.
    mutating func add(_ result: IndicatorResult)
}

/// Computes one report period: every indicator of the year is evaluated exactly once, in
/// batches on all cores, with the same indicator in the two years before; the roll-ups are
/// gathered in PK order.
///
/// - Complexity: O(indicators of the year); memory is bounded by a few batches unless
///   ``keepsIndicators`` is set.
public struct PeriodComputation {
    public var dataset: Dataset
    public var policy: Policy
    public var period: ReportPeriod
    /// Whether ``PeriodResults/indicators`` keeps every indicator's result, for the renderers
    /// that need the whole period at once (HTML, Markdown).
    public var keepsIndicators = false
    /// Indicators evaluated as one piece of work: this changes speed and memory, never results.
    var batchSize = 4096

    public init(dataset: Dataset, policy: Policy, period: ReportPeriod, keepsIndicators: Bool = false) {
        self.dataset = dataset
        self.policy = policy
        self.period = period
        self.keepsIndicators = keepsIndicators
    }

    /// The results alone, every indicator kept.
    public static func results(of dataset: Dataset, policy: Policy, period: ReportPeriod) -> PeriodResults {
        let computation = PeriodComputation(dataset: dataset, policy: policy, period: period, keepsIndicators: true)
        // Nothing is consumed, so nothing can throw.
        return try! computation.run(render: { _ in NoRenderer() }, consume: { _ in })
    }

    private struct NoRenderer: IndicatorBatchRenderer {
        mutating func add(_ result: IndicatorResult) {}
    }

    /// One batch's output: what the roll-ups need, the kept results and the rendering.
    private struct Batch<Renderer: IndicatorBatchRenderer>: Sendable {
        var facts: [PeriodRollups.Facts] = []
        var kept: [IndicatorResult] = []
        var renderer: Renderer
    }

    /// Evaluates every indicator of the period's year.
    ///
    /// - Parameters:
    ///   - render: makes the renderer of a batch of the given size; batches are rendered on
    ///     all cores.
    ///   - consume: receives each batch's renderer in PK order, on the calling thread (to write
    ///     its rows out).
    /// - Returns: the roll-ups, the ranking and, if asked, every indicator's result.
    /// - Throws: what `consume` throws; nothing more is consumed then.
    func run<Renderer: IndicatorBatchRenderer>(render: @escaping @Sendable (Int) -> Renderer,
                                               consume: (Renderer) throws -> Void) throws -> PeriodResults {
        let dataset = dataset, year = period.year, keeps = keepsIndicators
        let members = dataset.indicators.indices.filter { dataset.indicators[$0].year == year }
        // no: each indicator's position within its agency, fixed before the indicators are split up.
        var numbers = [Int32](repeating: 0, count: members.count)
        var perAgency = [Int32](repeating: 0, count: dataset.agencies.count)
        for (position, index) in members.enumerated() {
            let agency = dataset.indicators[index].agency
            perAgency[agency] += 1
            numbers[position] = perAgency[agency]
        }
        // The earlier compared years that have indicators at all: the others need no look-up.
        let earlierYears = Set([year - 2, year - 1]).intersection(dataset.yearsPresent)
        var configured = Evaluator(policy: policy, through: period.through)
        configured.sourceFileNames = dataset.files.map(\.name)
        let evaluator = configured

        var rollups = PeriodRollups(policy: policy, through: period.through,
                                    agencyPemdas: dataset.keyedByPemda ? dataset.agencies.map { Int32($0.pemda ?? -1) } : [])
        var kept: [IndicatorResult] = []
        // Four batches per core: with two, a worker descheduled in the batch the writer waits for
        // (the writer's thread is a third on two cores) soon left the other with nothing to
        // start. A batch's rendering takes a few megabytes.
        try OrderedBatches.run(count: members.count, batchSize: batchSize, windowPerCore: 4, work: { [numbers] range in
            var batch = Batch(renderer: render(range.count))
            batch.facts.reserveCapacity(range.count)
            if keeps { batch.kept.reserveCapacity(range.count) }
            for position in range {
                let indicator = dataset.indicators[members[position]]
                func earlier(_ earlierYear: Int) -> IndicatorResult.EarlierYear? {
                    guard earlierYears.contains(earlierYear),
                          let index = dataset.indicator(matching: indicator, inYear: earlierYear) else { return nil }
                    let found = dataset.indicators[index]
                    return IndicatorResult.EarlierYear(outcome: evaluator.evaluate(found).headline,
                                                       grades: found.gradeScale.map { dataset.gradeScales[$0] })
                }
                let evaluation = evaluator.evaluate(indicator)
                batch.facts.append(PeriodRollups.Facts(evaluation))
                let result = IndicatorResult(indicator: indicator, evaluation: evaluation,
                                             number: Int(numbers[position]),
                                             grades: indicator.gradeScale.map { dataset.gradeScales[$0] },
                                             twoYearsBefore: earlier(year - 2), oneYearBefore: earlier(year - 1))
                if keeps { batch.kept.append(result) }
                // Last, so that the result (some three kilobytes) is handed over, not copied.
                batch.renderer.add(result)
            }
            return batch
        }, consume: { batch, range in
            for (offset, facts) in batch.facts.enumerated() {
                rollups.add(dataset.indicators[members[range.lowerBound + offset]], facts)
            }
            kept += batch.kept
            try consume(batch.renderer)
        })
        let ranking = rollups.ranked(in: dataset)
        return PeriodResults(period: period, policy: policy, dataset: dataset, rollups: rollups, ranking: ranking,
                             total: AgencySummary.total(of: ranking), pemdaRanking: rollups.rankedPemdas(in: dataset),
                             indicators: kept)
    }
}
