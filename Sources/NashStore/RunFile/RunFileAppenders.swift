/// The open extendable datasets of one step-indexed group of a run file (`/curves`, `/evals`,
/// `/samples`, `/trajectory`) and the checks that keep its rows aligned: the steps strictly increase,
/// and every row has the same names and shapes as the first.
///
/// The datasets are created at the first row (their record shapes are known only then), or opened
/// from the file when it is resumed. All datasets are extendable along the first dimension, chunked
/// and compressed (`H5Compression.standard`).
final class RowAppender {
    /// The group, e.g. "/curves".
    let group: String
    /// The step dataset's path, e.g. "/curves/step".
    let stepPath: String
    private var steps: H5Dataset?
    /// Relative dataset path → dataset, and the record shape it was created with.
    private var columns: [String: (dataset: H5Dataset, recordShape: [Int])] = [:]
    private(set) var lastStep: Int?

    init(group: String, stepPath: String) {
        self.group = group
        self.stepPath = stepPath
    }

    /// Reopens what a resumed file holds below `group` (nothing if absent), `columns` being the
    /// dataset paths relative to `group` that are rows of this appender.
    func reopen(_ file: H5File, columns names: [String]) throws {
        guard try file.exists(stepPath) else { return }
        let steps = try file.dataset(stepPath)
        self.steps = steps
        let count = try steps.shape().first ?? 0
        lastStep = count > 0 ? Int(try steps.read(Int64.self, rows: count - 1 ..< count).values[0]) : nil
        for name in names {
            let dataset = try file.dataset(group + "/" + name)
            columns[name] = (dataset, Array(try dataset.shape().dropFirst()))
        }
    }

    var isStarted: Bool { steps != nil }
    var columnNames: Set<String> { Set(columns.keys) }

    /// Appends one row: `step` and, per column name, its values and record shape.
    /// The first row creates the datasets; `Element` is the columns' element type.
    func append<Element: H5Scalar>(step: Int, _ row: [String: (shape: [Int], values: [Element])],
                                   in file: H5File, reserved: Set<String> = [], what: String,
                                   configure: (H5Dataset, String) throws -> Void = { _, _ in }) throws {
        if let last = lastStep, step <= last {
            throw RunFileError(.invalidRecord, file: file.filePath,
                               "\(group): \(what) at step \(step) after step \(last): steps must increase")
        }
        if steps == nil {
            try RunFileLayout.checkNames(Array(row.keys), reserved: reserved, in: group, file: file.filePath)
            steps = try file.createExtendableDataset(stepPath, of: Int64.self)
        }
        if columns.isEmpty {
            // NB: a column may exist already when an earlier first row failed half-way.
            for (name, cell) in row {
                let path = group + "/" + name
                let dataset = try file.exists(path) ? try file.dataset(path)
                    : try file.createExtendableDataset(path, of: Element.self, recordShape: cell.shape)
                columns[name] = (dataset, Array(try dataset.shape().dropFirst()))
                try configure(dataset, name)
            }
        }
        guard Set(row.keys) == columnNames else {
            throw RunFileError(.invalidRecord, file: file.filePath,
                               "\(group): \(what) at step \(step) has the names \(row.keys.sorted()), "
                               + "not the \(columns.keys.sorted()) recorded before")
        }
        for (name, cell) in row where cell.shape != columns[name]!.recordShape {
            throw RunFileError(.invalidRecord, file: file.filePath,
                               "\(group)/\(name): \(what) at step \(step) has shape \(cell.shape), not \(columns[name]!.recordShape)")
        }
        try steps!.append(Int64(step))
        for (name, cell) in row { try columns[name]!.dataset.append(cell.values) }
        lastStep = step
    }

    /// Cuts every dataset of the group back to the rows whose step is at most `step` (all rows when
    /// `step` is nil). Returns the number of rows kept.
    @discardableResult
    func truncate(toStep step: Int?, in file: H5File) throws -> Int {
        guard let steps = steps else { return 0 }
        let all = try steps.read(Int64.self).values
        let kept = step.map { limit in all.firstIndex { $0 > Int64(limit) } ?? all.count } ?? 0
        try steps.resize(rows: kept)
        for column in columns.values { try column.dataset.resize(rows: kept) }
        lastStep = kept > 0 ? Int(all[kept - 1]) : nil
        return kept
    }
}
