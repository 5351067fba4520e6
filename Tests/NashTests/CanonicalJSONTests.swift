import Nash
import Testing

struct CanonicalJSONTests {
    struct Sample: Codable, Equatable {
        var zeta: Double
        var alpha: [Int]
        var middle: String?
        var nested: [String: Double]
        var flag: Bool
        var seed: UInt64
    }

    let sample = Sample(zeta: 1e-4, alpha: [3, 1, 2], middle: nil, nested: ["b": 2.5e-05, "a": 1e20, "c": 0.1],
                        flag: true, seed: .max)

    @Test func keysSortedNoWhitespaceNilOmitted() throws {
        let text = try CanonicalJSON.encode(sample)
        #expect(text == #"{"alpha":[3,1,2],"flag":true,"nested":{"a":100000000000000000000,"b":0.000025,"c":0.1},"seed":18446744073709551615,"zeta":0.0001}"#)
    }

    @Test func sameValueSameBytes() throws {
        let first = try CanonicalJSON.encode(sample)
        for _ in 0..<20 {
            // Dictionaries built in a different insertion order must not change the bytes.
            var copy = sample
            copy.nested = [:]
            for key in ["c", "a", "b"] { copy.nested[key] = sample.nested[key] }
            #expect(try CanonicalJSON.encode(copy) == first)
        }
    }

    @Test func roundTripExact() throws {
        let text = try CanonicalJSON.encode(sample)
        let decoded = try CanonicalJSON.decode(Sample.self, from: text)
        #expect(decoded == sample)
        #expect(try CanonicalJSON.encode(decoded) == text)
    }

    /// RFC 8785 sorts keys by UTF-16 code units: U+1F600 (surrogates D83D DE00) sorts before U+FB01,
    /// though its scalar value is larger.
    @Test func keysSortByUTF16CodeUnits() throws {
        let text = CanonicalJSON.write(.object(["\u{FB01}": .null, "\u{1F600}": .null, "b": .null, "B": .null, "é": .null]))
        #expect(text == "{\"B\":null,\"b\":null,\"é\":null,\"\u{1F600}\":null,\"\u{FB01}\":null}")
    }

    @Test func stringEscapes() throws {
        let text = try CanonicalJSON.encode("q\"b\\s/\n\t\r\u{08}\u{0C}\u{01}\u{1F}é😀\u{7F}")
        #expect(text == "\"q\\\"b\\\\s/\\n\\t\\r\\b\\f\\u0001\\u001fé😀\u{7F}\"")
        #expect(try CanonicalJSON.decode(String.self, from: text) == "q\"b\\s/\n\t\r\u{08}\u{0C}\u{01}\u{1F}é😀\u{7F}")
    }

    @Test func nonFiniteNumbersAreAnEncodingError() {
        #expect(throws: EncodingError.self) { try CanonicalJSON.encode(["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try CanonicalJSON.encode([Double.infinity]) }
    }

    @Test func parserAcceptsOrdinaryJSON() throws {
        let value = try CanonicalJSON.parse(" { \"a\" : [1, -2.5e3, true, false, null, \"\\u00e9\\ud83d\\ude00\\/\"] } \n")
        #expect(value == .object(["a": .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null,
                                              .string("é😀/")])]))
        #expect(try CanonicalJSON.decode([String: [Double]].self, from: #"{"x":[1E2,-0.5]}"#) == ["x": [100, -0.5]])
        #expect(try CanonicalJSON.decode(Int.self, from: "1e3") == 1000)
    }

    @Test(arguments: [
        ("", "unexpected end of text"), ("{\"a\":1,\"a\":2}", "duplicate key \"a\""), ("01", "leading zero in a number"),
        ("[1,]", "unexpected character ']'"), ("+1", "unexpected character '+'"), (".5", "unexpected character '.'"),
        ("1.", "expected digits after a decimal point"), ("NaN", "unexpected character 'N'"),
        ("\"\\ud800\"", "lone high surrogate in a \\u escape"), ("\"a\nb\"", "unescaped control character in a string"),
        ("[1] 2", "unexpected text after the value"), ("{\"a\" 1}", "expected ':' after a key"), ("\"abc", "unterminated string"),
    ])
    func parserRejects(text: String, message: String) {
        #expect(throws: JSONParseError.self) { try CanonicalJSON.parse(text) }
        do {
            _ = try CanonicalJSON.parse(text)
        } catch let error as JSONParseError {
            #expect(error.message == message)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func decodingErrorsNameThePath() throws {
        do {
            _ = try CanonicalJSON.decode(Sample.self, from: #"{"alpha":[1],"flag":true,"nested":{},"seed":-1,"zeta":1}"#)
            Issue.record("a negative seed decoded")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.codingPath.map(\.stringValue) == ["seed"])
        }
        #expect(throws: DecodingError.self) { try CanonicalJSON.decode(Sample.self, from: #"{"alpha":[1]}"#) }
        #expect(throws: DecodingError.self) { try CanonicalJSON.decode(Int.self, from: "2.5") }
    }

    @Test func deepNestingIsRejected() {
        let text = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try CanonicalJSON.parse(text) }
    }
}
