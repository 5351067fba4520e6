/// The SVG figures of one scenario, each a standalone file with its provenance in `<metadata>`:
/// `<scenario>-<curve>.svg` per curve (every variant, seed mean and band); per run with 2-D samples,
/// `<scenario>-<variant>-seed-<n>-samples.svg` (snapshots over the real data); per run whose
/// evaluations hold the mode histogram, `<scenario>-<variant>-seed-<n>-modes.svg`.
struct SVGExport {
    var group: ScenarioGroup
    var curves: [String]
    var smoothing: Smoothing?
    var steps: SnapshotSteps

    func write(to folder: inout OutputFolder) throws {
        let figures = Figures(group: group, curves: curves, smoothing: smoothing, steps: steps)
        let metadata = figures.metadata
        for chart in figures.lineCharts() {
            try folder.write(unique: group.name + "-" + chart.curve, suffix: ".svg", SVG.document(chart.chart.svg(metadata: metadata)))
        }
        for run in figures.runFigures() {
            let base = "\(group.name)-\(run.variant)-seed-\(run.run.seed)"
            if let scatter = run.scatter {
                try folder.write(unique: base + "-samples", suffix: ".svg", SVG.document(scatter.svg(metadata: metadata)))
            }
            if let modes = run.modes {
                try folder.write(unique: base + "-modes", suffix: ".svg", SVG.document(modes.svg(metadata: metadata)))
            }
        }
    }
}

/// The charts of one scenario, shared by the SVG files and the HTML report.
struct Figures {
    var group: ScenarioGroup
    var curves: [String]
    var smoothing: Smoothing?
    var steps: SnapshotSteps

    /// Provenance for `<metadata>`: one stamp line per run.
    var metadata: String {
        (["Nash export of \(group.name); smoothing: \(smoothing?.label ?? "none")"]
            + Stamp.all(group).map { "run " + $0.line }).joined(separator: "\n")
    }

    /// One chart per curve that some variant recorded.
    func lineCharts() -> [(curve: String, chart: LineChart)] {
        curves.compactMap { curve -> (curve: String, chart: LineChart)? in
            let lines = group.variants.enumerated().map { i, variant in
                LineChart.Line(name: variant.name, color: Palette.color(i),
                               band: SeedBand(variant, curve: curve, smoothing: smoothing), seeds: variant.runs.count)
            }.filter { !$0.band.isEmpty }
            guard !lines.isEmpty else { return nil }
            let label = curve + (smoothing.map { " (\($0.label))" } ?? "")
            return (curve, LineChart(title: "\(group.name): \(label)", yLabel: label, lines: lines))
        }
    }

    struct RunFigure {
        var variant: String
        var run: ExportRun
        var scatter: SampleScatter?
        var modes: ModeHistogramChart?
    }

    /// Per run (variants in order, seeds ascending) its snapshot scatter and mode histogram, if any.
    func runFigures() -> [RunFigure] {
        group.variants.enumerated().flatMap { i, variant -> [RunFigure] in
            variant.runs.map { run -> RunFigure in
                let who = "\(group.name) \(variant.name) seed \(run.seed)"
                var figure = RunFigure(variant: variant.name, run: run)
                let chosen = steps.choose(for: run)
                if let reference = run.record.reference, SampleScatter.isDrawable(reference.shape),
                   !chosen.isEmpty, chosen.allSatisfy({ SampleScatter.isDrawable(run.record.samples[$0.index].shape) }) {
                    figure.scatter = SampleScatter(title: "\(who): samples (colour) over real data (grey)",
                                                   reference: reference.values,
                                                   panels: chosen.map { SampleScatter.Panel(step: $0.step, points: run.record.samples[$0.index].values) },
                                                   color: Palette.color(i))
                }
                if let histogram = run.modeHistogram {
                    figure.modes = ModeHistogramChart(title: "\(who): share of high-quality samples per mode",
                                                      steps: histogram.steps, counts: histogram.counts)
                }
                return figure
            }
        }
    }
}
