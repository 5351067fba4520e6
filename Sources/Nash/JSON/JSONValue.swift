/// A parsed or about-to-be-written JSON value (RFC 8259).
///
/// Numbers keep their literal text so that integers of any width and doubles both survive a
/// round trip exactly; the canonical writer and the parser agree on that text (see `CanonicalNumber`).
/// Objects are unordered: the canonical writer sorts their keys.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The literal text of a number, e.g. `"25000"`, `"0.0001"`, `"1e+21"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A number value holding `value` in canonical form. Non-finite values have no JSON form.
    public static func double(_ value: Double) throws -> JSONValue {
        .number(try CanonicalNumber.format(value))
    }

    /// A number value holding the exact decimal form of `value`.
    public static func integer<I: BinaryInteger>(_ value: I) -> JSONValue { .number(String(value)) }

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// A short name of the value's kind, for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A malformed JSON text: what was expected and the byte offset where parsing stopped.
public struct JSONParseError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var offset: Int
    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}
