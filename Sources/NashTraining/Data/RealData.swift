import Nash
import NashEngine

/// Real samples for one run: the `Dataset` of a scenario made concrete under the run's seed.
///
/// Sources (formulas on the `Dataset` factories) and how a batch is made:
/// - **Infinite** (a synthetic source or image set without `size`): batch number `draw` of stream s is a
///   fresh draw at (s, step = draw), see `SyntheticSampler` for the child streams.
/// - **Finite synthetic** (`Dataset.size == N`): the N points are drawn once, before training, at
///   (`data/set`, step 0); then batched by epochs like a file.
/// - **File** (`Dataset.file`): the array of an HDF5 dataset, `[N] + sampleShape`, float32 or float64
///   (converted to Float32), checked against the declared shape and sha256; `contentHash` records its
///   hash (`FileArray` defines the bytes hashed).
///
/// **Epochs** (finite sets of N rows, batches of B): batchesPerEpoch = ⌈N / B⌉, epoch e = draw / batchesPerEpoch,
/// j = draw mod batchesPerEpoch, π = the permutation of 0..<N at (s, step = e). Batch `draw` is the rows
/// π[(j·B + i) mod N] for i in 0..<B. So every batch has exactly B rows; the first N positions of an
/// epoch visit every row exactly once, and when B does not divide N the last batch wraps around to the
/// start of the same epoch's permutation (the rows π[0..<(batchesPerEpoch·B − N)] are seen twice in that
/// epoch). NB: full batches keep real and fake batches the same size, so D's loss weighs both alike;
/// a short last batch would not.
///
/// Every draw is a pure function of (seed, stream, draw, size), independent of thread count and of any
/// other stream.
public final class RealData {
    /// Per-sample shape (`[d]` for vectors, `[c, h, w]` for images).
    public let sampleShape: [Int]
    /// Number of rows of a finite set (`Dataset.size`, or the file's first axis); nil for fresh draws.
    public let size: Int?
    /// Lower-case hex SHA-256 of a file source's array (see `FileArray`), else nil.
    public let contentHash: String?
    /// The source's modes (`DataSource.modes`), for the mode metrics; nil for sources without modes.
    /// NB: lazy because bars and stripes of side 16 has 131 070 modes of 256 pixels; the first access
    /// is not thread-safe (read it once before sharing the value across threads). Everything else
    /// here is immutable.
    public lazy var modes: [Nash.Mode]? = source.modes

    private let seed: UInt64
    private let source: DataSource
    /// The sampler of an infinite synthetic source.
    private let sampler: SyntheticSampler?
    /// The rows of a finite set, row-major `[size] + sampleShape`.
    private let rows: [Float]
    private let rowCount: Int

    /// Prepares the data of `dataset` for a run with `seed`; relative file paths are resolved against
    /// `baseDirectory` (usually the scenario file's folder). Throws `RealDataError` naming the file and
    /// the cause when a file is missing, is not HDF5, lacks the dataset, or does not match the declared
    /// shape or sha256.
    public init(_ dataset: Nash.Dataset, seed: UInt64, baseDirectory: String) throws {
        self.seed = seed
        source = dataset.source
        if case .file(let path, let name, let shape, let sha256) = dataset.source {
            let resolved = FileArray.resolve(path, baseDirectory: baseDirectory)
            if dataset.size != nil {
                throw RealDataError(file: resolved, cause: "a file data set is finite already; remove .finite(…)")
            }
            let array = try FileArray(path: resolved, dataset: name, shape: shape, sha256: sha256)
            sampleShape = Array(array.shape.dropFirst())
            size = array.shape[0]
            contentHash = array.sha256
            sampler = nil
            rows = array.values
            rowCount = array.shape[0]
            return
        }
        let sampler = try SyntheticSampler(dataset.source)
        sampleShape = sampler.shape
        contentHash = nil
        if let n = dataset.size {
            guard n >= 1 else { throw RealDataError(file: nil, cause: "finite data set size must be at least 1, got \(n)") }
            size = n
            rows = sampler.draw(count: n, stream: RandomStream(seed: seed, name: "data/set"), step: 0)
            rowCount = n
            self.sampler = nil
        } else {
            size = nil
            rows = []
            rowCount = 0
            self.sampler = sampler
        }
    }

    /// The real minibatch number `draw` (0-based index of the minibatch within the run for this stream),
    /// shape `[size] + sampleShape`. A pure function of (seed, stream, draw, size); see the type's
    /// documentation for epochs.
    public func batch(draw: Int, size batchSize: Int, stream: String = "data") -> Tensor {
        precondition(draw >= 0, "draw must be non-negative, got \(draw)")
        precondition(batchSize >= 1, "batch size must be at least 1, got \(batchSize)")
        let random = RandomStream(seed: seed, name: stream)
        if let sampler {
            return Tensor(shape: [batchSize] + sampleShape,
                          scalars: sampler.draw(count: batchSize, stream: random, step: draw))
        }
        let batchesPerEpoch = (rowCount + batchSize - 1) / batchSize
        let epoch = draw / batchesPerEpoch
        let first = (draw % batchesPerEpoch) * batchSize
        let order = random.at(step: epoch).permutation(rowCount)
        return gather(count: batchSize) { order[(first + $0) % rowCount] }
    }

    /// `count` samples for plots and evaluation from stream `stream` (e.g. "data/reference", "eval"),
    /// independent of training draws as long as the name differs from the training stream's. Infinite
    /// sources: a fresh draw at (`stream`, step 0). Finite sets: rows π[i mod N], i in 0..<count, π the
    /// permutation at (`stream`, step 0), so every row appears before any repeats.
    public func reference(count: Int, stream: String) -> Tensor {
        precondition(count >= 0, "count must be non-negative, got \(count)")
        let random = RandomStream(seed: seed, name: stream)
        if let sampler {
            return Tensor(shape: [count] + sampleShape, scalars: sampler.draw(count: count, stream: random, step: 0))
        }
        let order = random.at(step: 0).permutation(rowCount)
        return gather(count: count) { order[$0 % rowCount] }
    }

    /// A tensor of `count` rows of the finite set, row i being `rows[row(i)]`.
    private func gather(count: Int, row: (Int) -> Int) -> Tensor {
        let width = sampleShape.reduce(1, *)
        return Tensor(shape: [count] + sampleShape) { out in
            rows.withUnsafeBufferPointer { source in
                for i in 0..<count {
                    let start = row(i) * width
                    for c in 0..<width { out[i * width + c] = source[start + c] }
                }
            }
        }
    }
}
