import Nash
import Testing

/// Known-answer vectors of FIPS 180-2 (appendix B) and NIST's examples, and padding boundaries
/// checked against Python's hashlib.
struct SHA256Tests {
    @Test func fipsVectorABC() {
        #expect(SHA256.hex(SHA256.hash("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func emptyMessage() {
        #expect(SHA256.hex(SHA256.hash([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func fipsVector448Bits() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hex(SHA256.hash(message)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func vector896Bits() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(SHA256.hex(SHA256.hash(message)) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func oneMillionA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(SHA256.hash(message)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the 55/56/64-byte padding boundaries, where one or two final blocks are needed.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
    ])
    func paddingBoundaries(length: Int, expected: String) {
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: length))) == expected)
    }

    /// Feeding the same bytes in uneven chunks (including empty ones) gives the one-shot digest.
    @Test func incrementalMatchesOneShot() {
        let message = (0..<(256 * 41)).map { UInt8(truncatingIfNeeded: $0) }
        let expected = "ab6b9b1d71dcfec981b828ca8b9d280b6cf90fb42d788542331933d444aed8cf"
        #expect(SHA256.hex(SHA256.hash(message)) == expected)
        for chunk in [1, 3, 63, 64, 65, 1000, 4097, 20_000] {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                let end = min(start + chunk, message.count)
                hasher.update(message[start..<end])
                hasher.update([UInt8]())
                start = end
            }
            #expect(hasher.hexDigest() == expected, "chunk size \(chunk)")
        }
    }

    /// Taking a digest leaves the hasher usable: more input continues the same message.
    @Test func finalizeDoesNotConsume() {
        var hasher = SHA256()
        hasher.update("ab")
        #expect(hasher.hexDigest() == SHA256.hex(SHA256.hash("ab")))
        hasher.update("c")
        #expect(hasher.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hasher.finalize().count == SHA256.digestCount)
    }

    /// A non-contiguous collection goes through the copying path and agrees.
    @Test func nonContiguousInput() {
        let bytes = "abc".utf8.reversed().reversed()
        #expect(SHA256.hex(SHA256.hash(Array(bytes))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var hasher = SHA256()
        hasher.update("abc".utf8.lazy.map { $0 })
        #expect(hasher.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
