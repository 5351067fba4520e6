/// The canonical text of a Double: the shortest decimal that reads back as the same Double, laid out
/// by the ECMAScript `Number.prototype.toString` rules that RFC 8785 (JSON Canonicalization Scheme)
/// prescribes.
///
/// Let the shortest round-tripping digits be d₁…d_k and n the exponent with value = 0.d₁…d_k × 10ⁿ:
/// - k ≤ n ≤ 21: the digits then n − k zeros (`1e20` → `100000000000000000000`, `2.0` → `2`);
/// - 0 < n ≤ 21: the digits with a point after the n-th (`2.5`, `0.1` is the next case);
/// - −6 < n ≤ 0: `0.`, −n zeros, the digits (`1e-4` → `0.0001`, `2.5e-5` → `0.000025`);
/// - otherwise: d₁[.d₂…d_k]e±(n − 1) (`1e+21`, `1e-7`, `1.5e-10`).
/// Zero (of either sign) is `0`. NaN and the infinities have no JSON form and are rejected.
///
/// The shortest digits come from Swift's own `description`, which is shortest-round-trip
/// (Swift's `SwiftDtoa`); only the layout is ours. Parsing back uses `Double(String)`, which rounds
/// correctly, so `Double(format(x)) == x` for every finite x (tested on random bit patterns).
public enum CanonicalNumber {
    /// The canonical text of a finite `value`.
    public static func format(_ value: Double) throws -> String {
        guard value.isFinite else {
            throw CanonicalJSONError("\(value) has no JSON form (only finite numbers do)")
        }
        if value == 0 { return "0" }
        var (digits, n) = shortestDigits(value.magnitude)
        while digits.last == "0" { digits.removeLast() }
        let k = digits.count
        var out = value < 0 ? "-" : ""
        if k <= n && n <= 21 {
            out += String(digits) + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            out += String(digits[..<n]) + "." + String(digits[n...])
        } else if -6 < n && n <= 0 {
            out += "0." + String(repeating: "0", count: -n) + String(digits)
        } else {
            let e = n - 1
            out += String(digits[0])
            if k > 1 { out += "." + String(digits[1...]) }
            out += "e" + (e < 0 ? "-" : "+") + String(e.magnitude)
        }
        return out
    }

    /// Digits without leading zeros and n such that magnitude = 0.digits × 10ⁿ, from `description`.
    static func shortestDigits(_ magnitude: Double) -> ([Character], Int) {
        let text = magnitude.description           // e.g. "100.0", "2.5e-05", "1.2345678e+20"
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1])! : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = Array(mantissa[0])
        let fractionPart = mantissa.count == 2 ? Array(mantissa[1]) : []
        var digits = integerPart + fractionPart
        var n = integerPart.count + exponent
        while digits.first == "0" { digits.removeFirst(); n -= 1 }
        return (digits, n)
    }

    /// The Double a canonical (or any RFC 8259) number literal denotes, correctly rounded.
    public static func parse(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

/// A value that has no canonical JSON form, or JSON that does not decode to the expected value.
public struct CanonicalJSONError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
