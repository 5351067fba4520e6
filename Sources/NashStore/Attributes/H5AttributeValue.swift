/// The value of an attribute: a string, a 64-bit integer or a double, alone (an HDF5 scalar) or as a
/// one-dimensional array.
///
/// Strings are stored variable-length UTF-8 (h5py returns `str`), integers as int64, doubles as
/// float64. Reading converts any stored integer width to `Int64` and any float width to `Double`; it
/// never converts between integers, floats and strings.
public enum H5AttributeValue: Equatable, Sendable {
    case string(String)
    case int64(Int64)
    case double(Double)
    case strings([String])
    case int64s([Int64])
    case doubles([Double])

    /// "string", "int64", "[float64]", …: what the value holds, for error messages.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .int64: return "int64"
        case .double: return "float64"
        case .strings: return "[string]"
        case .int64s: return "[int64]"
        case .doubles: return "[float64]"
        }
    }
}

extension H5AttributeValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int64(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
}

/// A Swift value that can be stored as an attribute and read back typed:
/// `String`, `Int`, `Int64`, `Double`, arrays of those, and `H5AttributeValue` itself.
public protocol H5AttributeConvertible {
    var h5AttributeValue: H5AttributeValue { get }
    /// Nil when `value` holds another type (no conversion between strings, integers and floats, or
    /// between a scalar and an array).
    init?(h5AttributeValue value: H5AttributeValue)
    /// The stored type this Swift type reads, for error messages ("string", "[int64]").
    static var h5TypeName: String { get }
}

/// An element of an array attribute.
public protocol H5AttributeElement: H5AttributeConvertible {
    static func h5Wrap(_ values: [Self]) -> H5AttributeValue
    static func h5Unwrap(_ value: H5AttributeValue) -> [Self]?
}

extension H5AttributeValue: H5AttributeConvertible {
    public var h5AttributeValue: H5AttributeValue { self }
    public init?(h5AttributeValue value: H5AttributeValue) { self = value }
    public static var h5TypeName: String { "any" }
}

extension String: H5AttributeElement {
    public var h5AttributeValue: H5AttributeValue { .string(self) }
    public init?(h5AttributeValue value: H5AttributeValue) {
        guard case .string(let s) = value else { return nil }
        self = s
    }
    public static var h5TypeName: String { "string" }
    public static func h5Wrap(_ values: [String]) -> H5AttributeValue { .strings(values) }
    public static func h5Unwrap(_ value: H5AttributeValue) -> [String]? {
        guard case .strings(let v) = value else { return nil }
        return v
    }
}

extension Int64: H5AttributeElement {
    public var h5AttributeValue: H5AttributeValue { .int64(self) }
    public init?(h5AttributeValue value: H5AttributeValue) {
        guard case .int64(let v) = value else { return nil }
        self = v
    }
    public static var h5TypeName: String { "int64" }
    public static func h5Wrap(_ values: [Int64]) -> H5AttributeValue { .int64s(values) }
    public static func h5Unwrap(_ value: H5AttributeValue) -> [Int64]? {
        guard case .int64s(let v) = value else { return nil }
        return v
    }
}

extension Int: H5AttributeElement {
    public var h5AttributeValue: H5AttributeValue { .int64(Int64(self)) }
    public init?(h5AttributeValue value: H5AttributeValue) {
        guard case .int64(let v) = value, let i = Int(exactly: v) else { return nil }
        self = i
    }
    public static var h5TypeName: String { "int64" }
    public static func h5Wrap(_ values: [Int]) -> H5AttributeValue { .int64s(values.map(Int64.init)) }
    public static func h5Unwrap(_ value: H5AttributeValue) -> [Int]? {
        guard case .int64s(let v) = value else { return nil }
        return v.compactMap { Int(exactly: $0) }
    }
}

extension Double: H5AttributeElement {
    public var h5AttributeValue: H5AttributeValue { .double(self) }
    public init?(h5AttributeValue value: H5AttributeValue) {
        guard case .double(let v) = value else { return nil }
        self = v
    }
    public static var h5TypeName: String { "float64" }
    public static func h5Wrap(_ values: [Double]) -> H5AttributeValue { .doubles(values) }
    public static func h5Unwrap(_ value: H5AttributeValue) -> [Double]? {
        guard case .doubles(let v) = value else { return nil }
        return v
    }
}

extension Array: H5AttributeConvertible where Element: H5AttributeElement {
    public var h5AttributeValue: H5AttributeValue { Element.h5Wrap(self) }
    public init?(h5AttributeValue value: H5AttributeValue) {
        guard let values = Element.h5Unwrap(value) else { return nil }
        self = values
    }
    public static var h5TypeName: String { "[\(Element.h5TypeName)]" }
}
