/// Which sample snapshots the figures draw: the steps given with `--steps` (each must be a snapshot
/// of some run), or the first, middle and last snapshot of each run.
public struct SnapshotSteps {
    let requested: [Int]?

    public init(_ requested: [Int]?, in collection: RunCollection) throws {
        if let requested {
            let recorded = Set(collection.runs.flatMap(\.record.sampleSteps))
            for step in requested where !recorded.contains(step) {
                let file = collection.runs.count == 1 ? collection.runs[0].path : collection.input
                let list = recorded.sorted().map(String.init).joined(separator: ", ")
                throw ExportError(file: file, "no sample snapshot at step \(step) (recorded at \(list.isEmpty ? "no step" : list))")
            }
        }
        self.requested = requested
    }

    /// The steps to draw for `run`, ascending, with their snapshot index.
    public func choose(for run: ExportRun) -> [(step: Int, index: Int)] {
        let steps = run.record.sampleSteps
        guard !steps.isEmpty else { return [] }
        let indices: [Int]
        if let requested {
            indices = requested.compactMap { steps.firstIndex(of: $0) }
        } else {
            indices = [0, (steps.count - 1) / 2, steps.count - 1]
        }
        return Array(Set(indices)).sorted().map { (step: steps[$0], index: $0) }
    }
}
