import CNashKernels

/// The Philox4x32-10 block function (Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers:
/// as easy as 1, 2, 3", SC'11): a bijection of 128-bit counters under a 64-bit key, built from ten
/// rounds of two 32 x 32 -> 64-bit multiplications (by 0xD2511F53 and 0xCD9E8D57) with the key
/// bumped by the Weyl constants 0x9E3779B9 and 0xBB67AE85 between rounds. It passes BigCrush, and
/// any block can be computed without the others, which is what makes draws addressable by index.
public enum Philox4x32 {
    /// The four output words for `counter` under `key` (word 0 first, as in Random123).
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var c = (counter[0], counter[1], counter[2], counter[3])
        var k = (key[0], key[1])
        var out: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        withUnsafePointer(to: &c) { cp in
            withUnsafePointer(to: &k) { kp in
                withUnsafeMutablePointer(to: &out) { op in
                    nash_philox4x32_10(UnsafeRawPointer(cp).assumingMemoryBound(to: UInt32.self),
                                       UnsafeRawPointer(kp).assumingMemoryBound(to: UInt32.self),
                                       UnsafeMutableRawPointer(op).assumingMemoryBound(to: UInt32.self))
                }
            }
        }
        return SIMD4(out.0, out.1, out.2, out.3)
    }
}
