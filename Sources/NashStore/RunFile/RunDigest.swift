import Nash

/// The digest of a run: SHA-256 over its recorded numbers in a fixed order, never over the file's
/// bytes (HDF5 metadata such as timestamps and free-space layout differ between identical runs).
///
/// Order and encoding (all integers and floats little-endian; a name is its UTF-8 bytes then 0x00;
/// names are taken in ascending byte order):
/// 1. `reference`: the array, or the tag byte 0 when absent;
/// 2. `curves`, then `evals`: step count (UInt64), the steps (Int64), then per curve its name and its
///    values as Float64 bit patterns;
/// 3. sample latents (array or tag 0), snapshot count, then per snapshot its step (Int64) and array;
/// 4. trajectory: count, then per entry its step, G's arrays by name, D's arrays by name;
/// 5. checkpoints in step order: the step, then G's, D's and the optimiser's arrays, each by name.
/// An array is its name, its rank (UInt64), its dimensions (UInt64 each), its values as Float32 bit
/// patterns. Header fields (times, versions, the spec) are not numbers and are not digested: the spec
/// is pinned separately by `spec_sha256`.
public enum RunDigest {
    public static func compute(_ record: RunRecord) -> String {
        var h = DigestWriter()
        h.optional(record.reference)
        h.series(record.curves)
        h.series(record.evals)
        h.optional(record.sampleLatents)
        h.u64(UInt64(record.samples.count))
        for (step, x) in zip(record.sampleSteps, record.samples) {
            h.i64(step)
            h.array(x)
        }
        h.u64(UInt64(record.trajectory.count))
        for (step, entry) in zip(record.trajectorySteps, record.trajectory) {
            h.i64(step)
            h.arrays(entry.generator)
            h.arrays(entry.discriminator)
        }
        h.u64(UInt64(record.checkpoints.count))
        for c in record.checkpoints.sorted(by: { $0.step < $1.step }) {
            h.i64(c.step)
            h.arrays(c.generator)
            h.arrays(c.discriminator)
            h.arrays(c.optimizer)
        }
        return SHA256.hex(h.sha.finalize())
    }
}

/// Little-endian serialisation into a running SHA-256.
private struct DigestWriter {
    var sha = SHA256()

    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { sha.update($0) } }
    mutating func i64(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    mutating func name(_ s: String) {
        sha.update(Array(s.utf8))
        sha.update([0])
    }
    mutating func doubles(_ values: [Double]) {
        let bits = values.map { $0.bitPattern.littleEndian }
        bits.withUnsafeBytes { sha.update($0) }
    }
    mutating func floats(_ values: [Float]) {
        let bits = values.map { $0.bitPattern.littleEndian }
        bits.withUnsafeBytes { sha.update($0) }
    }
    mutating func array(_ a: NamedArray) {
        name(a.name)
        u64(UInt64(a.shape.count))
        for d in a.shape { u64(UInt64(d)) }
        floats(a.values)
    }
    mutating func arrays(_ list: [NamedArray]) {
        u64(UInt64(list.count))
        for a in list.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }) { array(a) }
    }
    mutating func optional(_ a: NamedArray?) {
        if let a {
            sha.update([1])
            array(a)
        } else {
            sha.update([0])
        }
    }
    mutating func series(_ s: RunRecord.Series) {
        u64(UInt64(s.steps.count))
        for step in s.steps { i64(step) }
        let names = s.values.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        u64(UInt64(names.count))
        for n in names {
            name(n)
            doubles(s.values[n]!)
        }
    }
}
