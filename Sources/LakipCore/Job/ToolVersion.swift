/// The version of lakip, shown by `lakip --version` and recorded in every manifest.
///
/// Reports record it so a reader knows which rules produced them; bump it with every release
/// (and regenerate `reports/`, whose manifests carry it).
public enum ToolVersion {
    public static let current = "0.7.0"
}
