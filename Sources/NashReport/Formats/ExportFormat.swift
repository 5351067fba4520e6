/// What `nash export` writes (see the module's README for what each holds).
public enum ExportFormat: String, CaseIterable, Sendable {
    /// One tidy table of every curve value, `curves.csv`, and the runs' stamps, `runs.csv`.
    case csv
    /// Per scenario a PGFPlots figure (`.tex`) and its data files (`.dat`).
    case pgf
    /// Per curve a line chart; per run its sample snapshots and mode histogram.
    case svg
    /// Per scenario one self-contained HTML report.
    case html
    /// Per scenario a booktabs table of final values.
    case latex
}

/// The options of one export.
public struct ExportOptions: Sendable {
    public var format: ExportFormat
    /// Curve names (`loss/D`, `modes`); nil: every recorded curve (CSV) or the plotted ones.
    public var curves: [String]?
    public var smoothing: Smoothing?
    /// Sample snapshot steps to draw; nil: the first, middle and last snapshot.
    public var steps: [Int]?
    /// The folder written into (created when missing).
    public var output: String

    public init(format: ExportFormat, curves: [String]? = nil, smoothing: Smoothing? = nil,
                steps: [Int]? = nil, output: String) {
        self.format = format
        self.curves = curves
        self.smoothing = smoothing
        self.steps = steps
        self.output = output
    }
}
