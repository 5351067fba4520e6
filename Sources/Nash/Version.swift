/// The version of Nash, recorded in every run file as `nash_version`.
public enum NashVersion {
    public static let string = "0.2.0"

    /// The first version whose numbers this one reproduces bit for bit (same scenario, seed and
    /// arithmetic). 0.2.0 sums a [batch, features] matrix over the batch in the GEMM's k-blocks of
    /// ≤ 256 rows, as every tile product did: the bias gradients and the weight gradients of layers
    /// of width 1 to 4, which 0.1.0 summed in one chain over the batch. Threads then split them by
    /// rows of the batch (Sources/NashEngine/README.md, "Batch reductions are k-blocked").
    public static let sameNumbersSince = "0.2.0"

    /// Whether a run recorded by `recorded` (a `nash_version`) has this build's numbers: false for
    /// versions before `sameNumbersSince`; true for later ones and for names that do not parse.
    public static func reproduces(_ recorded: String) -> Bool {
        guard let r = parts(recorded), let since = parts(sameNumbersSince) else { return true }
        return !r.lexicographicallyPrecedes(since)
    }

    static func parts(_ version: String) -> [Int]? {
        let numbers = version.split(separator: ".").map { Int($0) }
        return numbers.isEmpty || numbers.contains(nil) ? nil : numbers.compactMap { $0 }
    }
}
