import CNashKernels

/// A named stream of random numbers under a run's seed (the JAX idea of splitting keys by name,
/// JEP 263, with Philox4x32-10 as the generator).
///
/// Every draw is a pure function of (seed, name, step, index): the stream's key is derived from
/// the seed and the name, the step and the index form the Philox counter. So consumers that use
/// different names never shift each other's draws (adding a regulariser leaves the data stream
/// alone), and resuming at step t needs no state beyond t.
///
/// Key derivation (stable; changing it changes every recorded run):
/// `h = FNV-1a-64(UTF-8 bytes of name)` (offset basis 0xcbf29ce484222325, prime 0x100000001b3),
/// `key = words 0 and 1 of Philox4x32-10(counter: (lo32(h), hi32(h), 0, 0),
///                                       key: (lo32(seed), hi32(seed)))`.
/// Counter of block b at step s: `(lo32(b), hi32(b), lo32(s), hi32(s))`.
public struct RandomStream: Hashable, Sendable {
    /// The run's seed.
    public let seed: UInt64
    /// The stream's name, e.g. "latent", "init/G", "noise/instance".
    public let name: String
    /// The Philox key derived from `seed` and `name`.
    public let key: SIMD2<UInt32>

    public init(seed: UInt64, name: String) {
        self.seed = seed
        self.name = name
        var words: [UInt32] = [0, 0]
        name.utf8CString.withUnsafeBufferPointer { utf8 in
            // NB: utf8CString ends with a NUL that is not part of the name.
            nash_philox_stream_key(seed, utf8.baseAddress, utf8.count - 1, &words)
        }
        key = SIMD2(words[0], words[1])
    }

    /// The stream named `"\(name)/\(child)"` under the same seed, e.g. `init.child("layer0")`.
    public func child(_ child: String) -> RandomStream {
        RandomStream(seed: seed, name: name + "/" + child)
    }

    /// The draws of this stream at training step `step` (any non-negative integer; step 0 for
    /// draws made once, such as initialisation).
    public func at(step: Int) -> RandomDraws {
        precondition(step >= 0, "step must be non-negative")
        return RandomDraws(key: key, step: UInt64(step))
    }
}
