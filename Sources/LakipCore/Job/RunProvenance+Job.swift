extension RunProvenance {
    /// The provenance of a `lakip run` with `options` under the resolved `policy`.
    public init(job options: JobOptions, policy: Policy) {
        dataDirectory = options.dataDirectory
        if let config = options.configPath {
            policyFile = (config, Self.lastComponent(config))
        } else if let source = policy.source {
            policyFile = (Self.joined(options.dataDirectory, source), source)
        } else {
            policyFile = nil
        }
        self.options = [
            ("tahun", options.year.map { .integer(Int64($0)) } ?? .null),
            ("as_of", policy.asOf.map { .string($0.label) } ?? .null),
            ("rumus_negatif", .string(policy.negativeFormula.rawValue)),
            ("skala", .string(policy.scale.name)),
            ("batas_capaian", policy.cap.map { .string(String(describing: $0)) } ?? .null),
            ("dialek", .string(options.dialect.name)),
            ("format", .array(options.formats.sorted().map { .string($0.rawValue) })),
            ("opd", options.agencyCodes.map { .array($0.sorted().map { .string($0) }) } ?? .null),
            ("tanggal", options.signatureDate.map { .string($0) } ?? .null),
            ("berkas_kebijakan", policyFile.map { .string($0.name) } ?? .null),
        ]
        // Recorded only when given, so a run of one Pemda's data keeps its manifest as before.
        if let pemda = options.pemdaCodes { self.options.append(("pemda", .array(pemda.sorted().map { .string($0) }))) }
    }
}
