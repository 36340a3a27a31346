/// Where an E.81 row sits in the sasaran → program → kegiatan → sub kegiatan tree: by its code
/// when the form prints one, else by what the writing app marks instead (emonev's `pr.1`,
/// `kg.1`, `skg.1` in the No column; sira's indented names).
struct BudgetScope: Equatable {
    /// Ancestors and the row itself, `.`-separated: a scope lies under another when its path
    /// extends the other's.
    var path: String
    /// How messages name it: "program 1.02.02", "kegiatan 'Penyediaan …'".
    var label: String
}

/// Hands out the scopes of rows read in order.
struct HierarchyTracker {
    private var open: [(rank: Int, id: String)] = []
    private var made = 0
    /// The scope of the last row that named a sasaran, program or kegiatan; indicator rows
    /// below it without a name of their own belong to it.
    private(set) var current: BudgetScope?

    /// Enters the row named `name`: by `code` when there is one, else at `rank` (0 sasaran,
    /// 1 program, 2 kegiatan, 3 sub kegiatan) under the open rows of lower rank, else as a
    /// scope of its own.
    mutating func enter(name: String, code: String, rank: Int?) {
        if !code.isEmpty {
            current = BudgetScope(path: code, label: "\(E81Reader.levelName(of: code)) \(code)")
            return
        }
        made += 1
        let id = "#\(made)"
        let shown = name.count > 60 ? String(name.prefix(57)) + "…" : name
        guard let rank else {
            open = []
            current = BudgetScope(path: id, label: "'\(shown)'")
            return
        }
        while let last = open.last, last.rank >= rank { open.removeLast() }
        open.append((rank, id))
        current = BudgetScope(path: open.map(\.id).joined(separator: "."), label: "\(Self.rankNames[rank]) '\(shown)'")
    }

    static let rankNames = ["sasaran", "program", "kegiatan", "sub kegiatan"]

    /// The rank emonev writes in the No column: `pr.1` program, `kg.1` kegiatan, `skg.1` sub
    /// kegiatan.
    static func rank(fromNumber cell: String) -> Int? {
        let text = cell.lowercased()
        for (prefix, rank) in [("skg.", 3), ("kg.", 2), ("pr.", 1)] where text.hasPrefix(prefix) { return rank }
        return nil
    }
}

/// The budgets imported so far, by scope, so that money is counted once: a program's pagu is
/// the sum of its kegiatan's, a kegiatan's of its sub kegiatan's, so it is taken from the
/// highest row that carries it. Pagu and realisasi are settled apart, because a form may carry
/// the pagu on the program and the realisations only on its kegiatan.
struct BudgetHolders {
    enum Kind: CaseIterable {
        case ceiling, actual

        var words: String { self == .ceiling ? "pagu" : "realisasi anggaran" }
    }

    /// What to do with the money of one row.
    enum Decision: Equatable {
        /// Import it (nothing to drop, or the first row of its scope to carry it).
        case keep
        /// Already in the budget of the scope named: not imported.
        case underHolder(String)
        /// The same amounts as an earlier indicator of the same scope: not imported again.
        case repeated
        /// Different amounts from an earlier indicator of the same scope: imported, and summed
        /// with it in the OPD's budget.
        case differs
    }

    private var holders: [(path: String, label: String, kind: Kind, amounts: [ExactDecimal?])] = []

    /// Decides, and records the row when it becomes the holder of its scope.
    mutating func decide(_ kind: Kind, amounts: [ExactDecimal?], scope: BudgetScope?) -> Decision {
        guard let scope else { return .keep }
        if let above = holders.last(where: { $0.kind == kind && scope.path.hasPrefix($0.path + ".") }) {
            return .underHolder(above.label)
        }
        guard amounts.contains(where: { $0.map { !$0.isZero } ?? false }) else { return .keep }
        if let earlier = holders.last(where: { $0.kind == kind && $0.path == scope.path }) {
            return earlier.amounts == amounts ? .repeated : .differs
        }
        holders.append((scope.path, scope.label, kind, amounts))
        return .keep
    }
}

/// The decisions on one row's pagu and realisasi anggaran, and the rows of `impor.csv` that
/// say them.
struct BudgetDecisions {
    let ceiling: BudgetHolders.Decision
    let actual: BudgetHolders.Decision
    /// Whether the row carried a non-zero pagu, or realisasi anggaran.
    let carriedCeiling: Bool
    let carriedActual: Bool

    var dropsCeiling: Bool { Self.drops(ceiling) }
    var dropsActual: Bool { Self.drops(actual) }

    private static func drops(_ decision: BudgetHolders.Decision) -> Bool {
        switch decision {
        case .underHolder, .repeated: true
        case .keep, .differs: false
        }
    }

    func remark(scope: BudgetScope?, line: Int, indicator: String, file: String, into sheet: inout ImportedSheet) {
        guard let scope else { return }
        var said: [(BudgetHolders.Decision, String)] = []
        for (decision, carried, words) in [(ceiling, carriedCeiling, BudgetHolders.Kind.ceiling.words),
                                           (actual, carriedActual, BudgetHolders.Kind.actual.words)] where carried {
            if let index = said.firstIndex(where: { $0.0 == decision }) {
                said[index].1 += " dan " + words
            } else {
                said.append((decision, words))
            }
        }
        for (decision, words) in said {
            switch decision {
            case .keep:
                continue
            case .underHolder(let holder):
                sheet.remark(line, file: file, level: .info, code: "anggaran-sudah-di-induk", indicator: indicator,
                             "\(words) \(scope.label) tidak diimpor: sudah termasuk dalam anggaran \(holder), agar tidak terhitung ganda.")
            case .repeated:
                sheet.remark(line, file: file, level: .info, code: "anggaran-sudah-dicatat", indicator: indicator,
                             "\(words) baris ini sama dengan indikator sebelumnya dari \(scope.label); dicatat sekali saja, "
                                 + "agar tidak terhitung ganda.")
            case .differs:
                sheet.remark(line, file: file, level: .warning, code: "anggaran-per-indikator", indicator: indicator,
                             "\(words) baris ini berbeda dari indikator sebelumnya dari \(scope.label); keduanya diimpor dan "
                                 + "dijumlahkan dalam anggaran OPD. Periksa apakah itu anggaran yang sama.")
            }
        }
    }
}
