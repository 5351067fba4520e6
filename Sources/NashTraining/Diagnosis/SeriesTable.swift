/// Recorded series sharing one step axis: the shape of a run file's `/curves` or `/evals` group.
/// `steps` is strictly increasing; every column holds one Float64 value per step (NaN and ±Inf allowed:
/// they are what the divergence diagnosis looks for).
public struct SeriesTable: Codable, Equatable, Sendable {
    /// Training steps at which the rows were recorded, strictly increasing.
    public let steps: [Int]
    /// Named columns, each `steps.count` long, keyed by ``SeriesName`` paths such as `loss/D`.
    public let columns: [String: [Double]]

    /// Requires strictly increasing steps and every column as long as `steps`.
    public init(steps: [Int], columns: [String: [Double]] = [:]) {
        for i in steps.indices.dropFirst() {
            precondition(steps[i - 1] < steps[i],
                         "SeriesTable: steps must increase strictly (\(steps[i - 1]) then \(steps[i]))")
        }
        for (name, values) in columns {
            precondition(values.count == steps.count,
                         "SeriesTable: column \(name) has \(values.count) values for \(steps.count) steps")
        }
        self.steps = steps
        self.columns = columns
    }

    /// An empty table.
    public static let empty = SeriesTable(steps: [])

    /// The column called `name`, if recorded.
    public subscript(name: String) -> [Double]? { columns[name] }

    /// Column names in sorted order.
    public var names: [String] { columns.keys.sorted() }

    /// The rows recorded before `step` (all rows when `step` is nil).
    func rows(before step: Int?) -> SeriesTable {
        guard let step else { return self }
        let n = steps.firstIndex { $0 >= step } ?? steps.count
        return SeriesTable(steps: Array(steps[..<n]), columns: columns.mapValues { Array($0[..<n]) })
    }
}
