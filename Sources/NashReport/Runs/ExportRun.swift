import NashStore

/// One run file read back for export: its records, its digest and where it came from.
public struct ExportRun {
    /// The path as found (relative to the folder the export started from, or as given).
    public let path: String
    public let record: RunRecord
    public let header: RunHeader
    /// `digest_sha256`; nil for runs that did not complete.
    public let digest: String?

    public init(path: String, record: RunRecord, digest: String?) throws {
        guard let header = record.header else { throw ExportError(file: path, "the run file has no header") }
        self.path = path
        self.record = record
        self.header = header
        self.digest = digest
    }

    /// Reads the run file at `path` (any `RunFileError` passes through: it names the file).
    public static func read(path: String) throws -> ExportRun {
        let summary = try RunFileReader.summary(path: path)
        return try ExportRun(path: path, record: try RunFileReader.read(path: path), digest: summary.digest)
    }

    /// The scenario a variant belongs to: `ring8` for both `ring8` and `ring8/unrolled-5`.
    public var scenario: String { String(header.scenario.split(separator: "/", maxSplits: 1).first ?? "") }

    /// The variant's own name (`unrolled-5` for `ring8/unrolled-5`), or `base` for the scenario itself.
    public var variant: String {
        let parts = header.scenario.split(separator: "/", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : VariantGroup.baseName
    }

    public var seed: UInt64 { header.seed }

    /// The series a curve name belongs to: `/curves` first, then `/evals`.
    public func series(of curve: String) -> (steps: [Int], values: [Double])? {
        if let values = record.curves.values[curve] { return (record.curves.steps, values) }
        if let values = record.evals.values[curve] { return (record.evals.steps, values) }
        return nil
    }

    /// Every curve name the run recorded: `/curves` then `/evals`, each in ascending byte order.
    public var curveNames: [String] {
        record.curves.values.keys.sorted(by: Text.byteOrder) + record.evals.values.keys.sorted(by: Text.byteOrder)
    }

    /// The per-mode high-quality histogram over time (`/evals/mode_histogram/<k>`), one row per
    /// evaluation step, or nil when the run did not record one.
    public var modeHistogram: (steps: [Int], counts: [[Double]])? {
        let prefix = Curves.modeHistogramPrefix
        let columns = record.evals.values.keys.compactMap { name -> Int? in
            name.hasPrefix(prefix) ? Int(name.dropFirst(prefix.count)) : nil
        }.sorted()
        guard !columns.isEmpty, columns == Array(0..<columns.count) else { return nil }
        let steps = record.evals.steps
        let counts = steps.indices.map { row in columns.map { record.evals.values["\(prefix)\($0)"]![row] } }
        return (steps, counts)
    }
}
