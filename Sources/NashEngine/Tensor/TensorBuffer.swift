import Foundation

/// The Float32 storage behind one or more tensors (a tensor, its `detached()` twin and its reshapes share
/// one buffer). Memory comes from `BufferPool` and goes back to it when the last tensor lets go.
final class TensorBuffer {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    /// Uninitialised storage for `count` floats; the caller fills every element.
    init(count: Int) {
        self.count = count
        pointer = BufferPool.shared.take(count)
    }

    /// Storage for `count` floats, all zero.
    convenience init(zeros count: Int) {
        self.init(count: count)
        pointer.update(repeating: 0, count: count)
    }

    deinit { BufferPool.shared.give(pointer, count: count) }
}

/// A cache of freed buffers keyed by exact element count.
///
/// A training step allocates the same set of temporaries every time (activations, their gradients, the
/// Adam moments' scratch), so exact-size buckets hit almost always after the first step.
/// NB: glibc serves blocks above its mmap threshold (128 KiB at first) with fresh pages that fault in on
/// first touch; reusing them skips that cost, which is what makes this pool worth a lock.
final class BufferPool {
    static let shared = BufferPool()

    /// Upper bound on cached memory, in floats (256 MiB); beyond it freed buffers go back to malloc.
    let capacity = 1 << 26
    /// Upper bound on buffers kept per size, so one burst of allocations does not pin memory forever.
    let perSize = 64

    private let lock = NSLock()
    private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private var cached = 0

    func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        let n = Swift.max(count, 1)
        lock.lock()
        if let p = free[n]?.popLast() {
            cached -= n
            lock.unlock()
            return p
        }
        lock.unlock()
        return .allocate(capacity: n)
    }

    func give(_ pointer: UnsafeMutablePointer<Float>, count: Int) {
        let n = Swift.max(count, 1)
        lock.lock()
        if cached + n <= capacity, free[n, default: []].count < perSize {
            free[n, default: []].append(pointer)
            cached += n
            lock.unlock()
            return
        }
        lock.unlock()
        pointer.deallocate()
    }
}
