/// A value of a scenario file that the command line may override: `nash run f.swift --set gamma=1`.
///
/// ```swift
/// let gamma = Tunable("gamma", 10.0)
/// let ring = Scenario("ring8") { …; Penalty.r1(gamma: gamma.value) }
/// ```
///
/// `value` is the override when one was given (`--set gamma=1` reaches the program as arguments),
/// else the default. Declaring a tunable registers its record for the program's output. Declare
/// tunables before the scenarios that read them (top-level code runs in order).
public struct Tunable<Value: TunableValue>: Sendable {
    public let name: String
    public let defaultValue: Value
    public let value: Value

    public init(_ name: String, _ defaultValue: Value) {
        self.name = name
        self.defaultValue = defaultValue
        value = ScenarioProgram.resolve(name, defaultValue)
    }
}

/// A type a tunable can have: Double, Int, Bool or String.
public protocol TunableValue: Sendable, Equatable {
    /// `double`, `int`, `bool` or `string`, as recorded in `TunableRecord.type`.
    static var tunableType: TunableType { get }
    /// Reads a `--set` value; nil when the text is not a value of this type.
    init?(tunableText text: String)
    var scalar: TunableScalar { get }
}

public enum TunableType: String, Codable, Hashable, Sendable {
    case double, int, bool, string

    /// "a double", "an integer"…, for messages.
    var article: String {
        switch self {
        case .double: return "a number"
        case .int: return "an integer"
        case .bool: return "true or false"
        case .string: return "a string"
        }
    }
}

extension Double: TunableValue {
    public static var tunableType: TunableType { .double }
    /// Any finite Swift floating-point literal, digits grouped with `_` allowed: `1e-4`, `0.5`, `10`.
    public init?(tunableText text: String) {
        guard let value = Double(text.replacingUnderscores), value.isFinite else { return nil }
        self = value
    }
    public var scalar: TunableScalar { .double(self) }
}

extension Int: TunableValue {
    public static var tunableType: TunableType { .int }
    /// A decimal integer, digits grouped with `_` allowed: `25_000`.
    public init?(tunableText text: String) {
        guard let value = Int(text.replacingUnderscores) else { return nil }
        self = value
    }
    public var scalar: TunableScalar { .int(self) }
}

extension Bool: TunableValue {
    public static var tunableType: TunableType { .bool }
    /// `true` or `false`.
    public init?(tunableText text: String) {
        switch text {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
    public var scalar: TunableScalar { .bool(self) }
}

extension String: TunableValue {
    public static var tunableType: TunableType { .string }
    /// Any text, taken as is.
    public init?(tunableText text: String) { self = text }
    public var scalar: TunableScalar { .string(self) }
}

extension String {
    var replacingUnderscores: String { String(filter { $0 != "_" }) }
}
