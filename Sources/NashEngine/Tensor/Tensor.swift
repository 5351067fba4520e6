/// An n-dimensional array of Float32 values in row-major order, with an optional autodiff graph node.
///
/// Tensors are immutable values held by reference: every operation returns a new tensor, and records a
/// `Node` (the operation and its inputs) when one of its inputs `requiresGrad`. `gradients(of:wrt:)` walks
/// those nodes backwards. The one exception to immutability is `withUnsafeMutableBufferPointer`, meant for
/// optimisers that update parameters in place between steps.
///
/// NB: `detached()`, `requiringGrad()` and `reshaped(to:)` share storage with the tensor they come from;
/// writing through `withUnsafeMutableBufferPointer` changes all of them. Use `copy()` for a private copy.
public final class Tensor {
    /// Sizes of the axes; `[]` for a scalar.
    public let shape: [Int]
    let buffer: TensorBuffer
    /// How this tensor was computed, when that matters for gradients; nil for leaves and constants.
    let node: Node?
    /// Whether this is a leaf that gradients flow into (a parameter, or an input one differentiates by).
    let isLeaf: Bool

    init(shape: [Int], buffer: TensorBuffer, node: Node? = nil, isLeaf: Bool = false) {
        precondition(Shape.count(shape) == buffer.count, "shape \(shape) does not match \(buffer.count) values")
        self.shape = shape
        self.buffer = buffer
        self.node = node
        self.isLeaf = isLeaf
    }

    /// Number of elements (1 for a scalar).
    public var count: Int { buffer.count }
    /// Number of axes.
    public var rank: Int { shape.count }
    /// Whether gradients flow into this tensor: a leaf created with `requiresGrad: true`, or the result
    /// of an operation on such tensors.
    public var requiresGrad: Bool { isLeaf || node != nil }

    // MARK: Creation

    /// A tensor holding `scalars` in row-major order; `scalars.count` must equal the product of `shape`.
    public convenience init(shape: [Int], scalars: [Float], requiresGrad: Bool = false) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative size in shape \(shape)")
        precondition(Shape.count(shape) == scalars.count,
                     "shape \(shape) needs \(Shape.count(shape)) values, got \(scalars.count)")
        let b = TensorBuffer(count: scalars.count)
        scalars.withUnsafeBufferPointer { b.pointer.update(from: $0.baseAddress!, count: scalars.count) }
        self.init(shape: shape, buffer: b, isLeaf: requiresGrad)
    }

    /// A rank-0 tensor holding `scalar`.
    public convenience init(_ scalar: Float, requiresGrad: Bool = false) {
        self.init(shape: [], scalars: [scalar], requiresGrad: requiresGrad)
    }

    /// A tensor of `shape` whose values `initializer` writes (every element, in any order); the buffer
    /// is uninitialised when `initializer` runs.
    public convenience init(shape: [Int], requiresGrad: Bool = false,
                            initializer: (UnsafeMutableBufferPointer<Float>) -> Void) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative size in shape \(shape)")
        let b = TensorBuffer(count: Shape.count(shape))
        initializer(UnsafeMutableBufferPointer(start: b.pointer, count: b.count))
        self.init(shape: shape, buffer: b, isLeaf: requiresGrad)
    }

    /// A tensor of `shape` with every element equal to `value`.
    public static func full(_ shape: [Int], _ value: Float, requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, requiresGrad: requiresGrad) { $0.update(repeating: value) }
    }

    /// A tensor of `shape` filled with 0.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 0, requiresGrad: requiresGrad)
    }

    /// A tensor of `shape` filled with 1.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, requiresGrad: requiresGrad)
    }

    /// Result of an operation: fills a fresh buffer with `fill` and records `op` when any input
    /// requires a gradient.
    /// NB: always inlined, so `fill` is a known closure at each op; the element functions themselves are
    /// types (`ElementFunction`), which is what keeps every elementwise loop specialised (see `Loops`).
    @inline(__always)
    static func make(_ shape: [Int], _ op: Op, _ inputs: [Tensor],
                     _ fill: (UnsafeMutablePointer<Float>) -> Void) -> Tensor {
        let b = TensorBuffer(count: Shape.count(shape))
        fill(b.pointer)
        return Tensor(shape: shape, buffer: b, node: inputs.contains { $0.requiresGrad } ? Node(op, inputs) : nil)
    }

    /// A constant (no graph) of `shape` written by `fill`.
    @inline(__always)
    static func constant(_ shape: [Int], _ fill: (UnsafeMutablePointer<Float>) -> Void) -> Tensor {
        let b = TensorBuffer(count: Shape.count(shape))
        fill(b.pointer)
        return Tensor(shape: shape, buffer: b)
    }

    // MARK: Reading and writing values

    /// A copy of the values in row-major order.
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: buffer.pointer, count: count)) }

    /// The single value of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "item needs a one-element tensor, shape is \(shape)")
        return buffer.pointer[0]
    }

    /// Read access to the values in row-major order.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: buffer.pointer, count: count))
    }

    /// Write access to the values in place (for optimisers). Tensors sharing this storage see the change,
    /// and so does any graph that recorded this tensor: do it between steps, not inside one.
    public func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: buffer.pointer, count: count))
    }

    // MARK: Graph

    /// The same values (shared storage) with no graph: a constant to the autodiff.
    public func detached() -> Tensor { Tensor(shape: shape, buffer: buffer) }

    /// The same values (shared storage) as a new leaf that gradients flow into; e.g. real data for R1.
    public func requiringGrad() -> Tensor { Tensor(shape: shape, buffer: buffer, isLeaf: true) }

    /// The same values in fresh storage, with no graph.
    public func copy() -> Tensor {
        Tensor.constant(shape) { $0.update(from: buffer.pointer, count: count) }
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let values = count <= 16 ? "\(scalars)" : "\(Array(scalars.prefix(16))) …"
        return "Tensor(shape: \(shape), \(values)\(requiresGrad ? ", requiresGrad" : ""))"
    }
}
