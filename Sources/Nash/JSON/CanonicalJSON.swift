/// Canonical JSON for any `Codable` value: the same value always gives the same bytes.
///
/// The form is RFC 8785 (JSON Canonicalization Scheme) with exact integers; see `CanonicalJSONWriter`
/// for the rules and `CanonicalNumber` for how doubles are written. Structure follows the usual
/// synthesized `Codable` conventions: structs are objects keyed by property name, optionals that are
/// nil are omitted, and an enum case is an object with one member named after the case whose value is
/// an object of the labelled associated values (`{"ring":{"modes":8,"radius":2,"std":0.02}}`).
public enum CanonicalJSON {
    /// The canonical JSON text of `value`. Throws `EncodingError.invalidValue` for a non-finite number.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        CanonicalJSONWriter.write(try JSONValueEncoder().encode(value))
    }

    /// The JSON tree of `value`, before writing.
    public static func tree<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONValueEncoder().encode(value)
    }

    /// The canonical text of a JSON tree.
    public static func write(_ value: JSONValue) -> String { CanonicalJSONWriter.write(value) }

    /// Parses any RFC 8259 text (canonical or not). Throws `JSONParseError`.
    public static func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    /// Decodes a value from JSON text. Throws `JSONParseError` or `DecodingError`.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONValueDecoder().decode(type, from: try JSONParser.parse(text))
    }

    /// Decodes a value from a JSON tree. Throws `DecodingError`.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoder().decode(type, from: value)
    }
}
