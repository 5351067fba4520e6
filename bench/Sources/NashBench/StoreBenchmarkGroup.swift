import NashStore

/// The run file's write path: appending curve points one record at a time, and commit cost.
enum StoreBenchmarkGroup: BenchmarkGroup {
    static let name = "store"
    static let summary = "HDF5 run file: 100,000 single-record curve appends, crash-safe commits"

    static func run() {
        do {
            for line in try StoreBenchmark.report() { print(line) }
        } catch {
            print("store benchmark failed: \(error)")
        }
    }
}
