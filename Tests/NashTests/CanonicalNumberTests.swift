import Nash
import Testing

struct CanonicalNumberTests {
    /// Expected texts follow ECMAScript's Number::toString (RFC 8785 §3.2.2.3).
    @Test(arguments: [
        (1e-4, "0.0001"), (0.1, "0.1"), (2.5e-05, "0.000025"), (1e20, "100000000000000000000"),
        (1e21, "1e+21"), (1e-6, "0.000001"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (1e-8, "1e-8"),
        (2.0, "2"), (-2.0, "-2"), (0.0, "0"), (-0.0, "0"), (123.456, "123.456"), (0.02, "0.02"),
        (25_000.0, "25000"), (1 / 7.5, "0.13333333333333333"), (-1e-5, "-0.00001"),
        (123456789012345680000.0, "123456789012345680000"), (1.2345678e21, "1.2345678e+21"),
        (Double.leastNonzeroMagnitude, "5e-324"), (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        (0.30000000000000004, "0.30000000000000004"), (9007199254740993.0, "9007199254740992"),
    ])
    func format(value: Double, expected: String) throws {
        let text = try CanonicalNumber.format(value)
        #expect(text == expected)
        #expect(Double(text) == value)
    }

    @Test func nonFiniteValuesHaveNoForm() {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(throws: CanonicalJSONError.self) { try CanonicalNumber.format(value) }
        }
    }

    /// Every finite double, drawn as random bit patterns, reads back bit for bit (−0 becomes 0).
    @Test func randomBitPatternsRoundTrip() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var checked = 0
        while checked < 20_000 {
            // SplitMix64 (Steele, Lea & Flood 2014).
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let value = Double(bitPattern: z)
            guard value.isFinite, value != 0 else { continue }
            let text = try CanonicalNumber.format(value)
            #expect(Double(text)?.bitPattern == value.bitPattern, "\(value) → \(text)")
            checked += 1
        }
    }

    /// Doubles of everyday sizes (what scenarios hold) round-trip and never use more digits than
    /// Swift's shortest representation.
    @Test func decimalValuesRoundTrip() throws {
        for exponent in -12...22 {
            for mantissa in [1.0, 2.5, 3.3, 7.77, 9.999] {
                let value = mantissa * pow10(exponent)
                let text = try CanonicalNumber.format(value)
                #expect(Double(text) == value, "\(value) → \(text)")
            }
        }
    }

    func pow10(_ exponent: Int) -> Double { Double("1e\(exponent)")! }
}
