/// SHA-256 as specified by FIPS 180-4 (NIST, 2015), §6.2, in portable Swift.
///
/// Used for scenario spec hashes and, by other modules, for run digests. Incremental use:
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(firstChunk)
/// hasher.update(secondChunk)
/// let digest = hasher.finalize()      // 32 bytes
/// ```
///
/// `update` copies at most one partial 64-byte block per call into a fixed buffer; whole blocks are
/// compressed straight from the caller's memory, so large inputs cost no per-byte work beyond the
/// compression function itself.
public struct SHA256: Sendable {
    /// Length of a digest in bytes.
    public static let digestCount = 32
    /// Length of a message block in bytes.
    static let blockCount = 64

    // NB: the state lives in eight stored words rather than an array so that compressing a block
    // touches no reference-counted storage.
    var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85, h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
    var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c, h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19
    /// Bytes of an unfinished block, always `blockCount` long; `pendingCount` of them are valid.
    var pending = [UInt8](repeating: 0, count: SHA256.blockCount)
    var pendingCount = 0
    /// Message length so far, in bytes.
    var length: UInt64 = 0

    /// A hasher over the empty message.
    public init() {}

    /// Appends raw bytes to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var cursor = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else { return }
        var remaining = bytes.count
        length &+= UInt64(remaining)
        if pendingCount > 0 {
            let take = min(remaining, Self.blockCount - pendingCount)
            pending.withUnsafeMutableBufferPointer { buffer in
                (buffer.baseAddress! + pendingCount).update(from: cursor, count: take)
            }
            pendingCount += take
            cursor += take
            remaining -= take
            guard pendingCount == Self.blockCount else { return }
            let block = pending
            block.withUnsafeBufferPointer { compress(blocks: $0.baseAddress!, count: 1) }
            pendingCount = 0
        }
        let whole = remaining / Self.blockCount
        if whole > 0 {
            compress(blocks: cursor, count: whole)
            cursor += whole * Self.blockCount
            remaining -= whole * Self.blockCount
        }
        if remaining > 0 {
            pending.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress!.update(from: cursor, count: remaining)
            }
            pendingCount = remaining
        }
    }

    /// Appends the elements of a byte collection (an array, a slice, a string's UTF-8 view…).
    public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Appends the UTF-8 encoding of a string.
    public mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// The 32-byte digest of everything appended so far. The hasher itself is left unchanged, so
    /// more bytes may be appended afterwards and the digest taken again.
    public func finalize() -> [UInt8] {
        var copy = self
        let bitLength = length &* 8
        // Padding (FIPS 180-4 §5.1.1): a one bit, zeros up to 56 mod 64 bytes, the 64-bit big-endian length.
        var tail: [UInt8] = [0x80]
        let padded = (pendingCount + 1 + 8 + Self.blockCount - 1) / Self.blockCount * Self.blockCount
        tail += [UInt8](repeating: 0, count: padded - pendingCount - 1 - 8)
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        let lengthBefore = copy.length
        tail.withUnsafeBytes { copy.update($0) }
        precondition(copy.pendingCount == 0 && copy.length == lengthBefore &+ UInt64(tail.count))
        var digest = [UInt8]()
        digest.reserveCapacity(Self.digestCount)
        for word in [copy.h0, copy.h1, copy.h2, copy.h3, copy.h4, copy.h5, copy.h6, copy.h7] {
            digest += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16),
                       UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
        }
        return digest
    }

    /// The digest of `bytes` in one call.
    public static func hash<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the UTF-8 encoding of `string`.
    public static func hash(_ string: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(string)
        return hasher.finalize()
    }

    /// Lower-case hexadecimal, two digits per byte (the form stored in run files).
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digest of everything appended so far, as lower-case hexadecimal.
    public func hexDigest() -> String { Self.hex(finalize()) }
}
