/// A tunable's value, whatever its type.
public enum TunableScalar: Hashable, Sendable, CustomStringConvertible {
    case double(Double)
    case int(Int)
    case bool(Bool)
    case string(String)

    public var type: TunableType {
        switch self {
        case .double: return .double
        case .int: return .int
        case .bool: return .bool
        case .string: return .string
        }
    }

    /// The value as `--set` would spell it (doubles in canonical form).
    public var description: String {
        switch self {
        case .double(let value): return (try? CanonicalNumber.format(value)) ?? "\(value)"
        case .int(let value): return String(value)
        case .bool(let value): return String(value)
        case .string(let value): return value
        }
    }

    func encode(to container: inout KeyedEncodingContainer<TunableRecord.CodingKeys>, forKey key: TunableRecord.CodingKeys) throws {
        switch self {
        case .double(let value): try container.encode(value, forKey: key)
        case .int(let value): try container.encode(value, forKey: key)
        case .bool(let value): try container.encode(value, forKey: key)
        case .string(let value): try container.encode(value, forKey: key)
        }
    }

    static func decode(_ type: TunableType, from container: KeyedDecodingContainer<TunableRecord.CodingKeys>,
                       forKey key: TunableRecord.CodingKeys) throws -> TunableScalar {
        switch type {
        case .double: return .double(try container.decode(Double.self, forKey: key))
        case .int: return .int(try container.decode(Int.self, forKey: key))
        case .bool: return .bool(try container.decode(Bool.self, forKey: key))
        case .string: return .string(try container.decode(String.self, forKey: key))
        }
    }
}

/// A declared tunable as the program reports it: `{"default":10,"name":"gamma","type":"double","value":1}`.
public struct TunableRecord: Codable, Hashable, Sendable {
    public var name: String
    public var defaultValue: TunableScalar
    /// The value in effect: the `--set` override, or the default.
    public var value: TunableScalar

    public var type: TunableType { defaultValue.type }

    public init(name: String, defaultValue: TunableScalar, value: TunableScalar) {
        precondition(defaultValue.type == value.type, "a tunable's value has the type of its default")
        self.name = name
        self.defaultValue = defaultValue
        self.value = value
    }

    enum CodingKeys: String, CodingKey {
        case name, type, defaultValue = "default", value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        try defaultValue.encode(to: &container, forKey: .defaultValue)
        try value.encode(to: &container, forKey: .value)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        let type = try container.decode(TunableType.self, forKey: .type)
        defaultValue = try TunableScalar.decode(type, from: container, forKey: .defaultValue)
        value = try TunableScalar.decode(type, from: container, forKey: .value)
    }
}
