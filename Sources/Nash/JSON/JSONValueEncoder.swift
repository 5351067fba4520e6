/// An `Encoder` that turns any `Encodable` into a `JSONValue` tree, without Foundation.
///
/// Follows the conventions of Foundation's `JSONEncoder` with default strategies (so synthesized
/// `Codable` conformances look the same), except numbers: doubles get their canonical text
/// (`CanonicalNumber`), integers their exact decimal text, and non-finite values are an error.
struct JSONValueEncoder {
    func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let root = Node()
        try value.encode(to: NodeEncoder(node: root, codingPath: []))
        return root.resolved
    }
}

/// A value under construction; containers share nodes so that nested containers can fill them later.
final class Node {
    enum Content { case unset, value(JSONValue), array([Node]), object([String: Node]) }
    var content: Content = .unset

    var resolved: JSONValue {
        switch content {
        case .unset: return .object([:])   // NB: an encode(to:) that writes nothing encodes as {} (as JSONEncoder).
        case .value(let value): return value
        case .array(let nodes): return .array(nodes.map(\.resolved))
        case .object(let nodes): return .object(nodes.mapValues(\.resolved))
        }
    }

    func primitive<T: Encodable>(_ value: T, at path: [CodingKey]) throws -> JSONValue? {
        switch value {
        case let v as Bool: return .bool(v)
        case let v as String: return .string(v)
        case let v as Double: return try number(v, path)
        case let v as Float: return try number(Double(v), path)
        case let v as Int: return .integer(v)
        case let v as Int8: return .integer(v)
        case let v as Int16: return .integer(v)
        case let v as Int32: return .integer(v)
        case let v as Int64: return .integer(v)
        case let v as UInt: return .integer(v)
        case let v as UInt8: return .integer(v)
        case let v as UInt16: return .integer(v)
        case let v as UInt32: return .integer(v)
        case let v as UInt64: return .integer(v)
        default: return nil
        }
    }

    func number(_ value: Double, _ path: [CodingKey]) throws -> JSONValue {
        do { return try .double(value) } catch let error as CanonicalJSONError {
            throw EncodingError.invalidValue(value, .init(codingPath: path, debugDescription: error.message))
        }
    }

    /// Stores `value` here: directly when it is a primitive, otherwise through its `encode(to:)`.
    func store<T: Encodable>(_ value: T, at path: [CodingKey]) throws {
        if let primitive = try primitive(value, at: path) { content = .value(primitive); return }
        try value.encode(to: NodeEncoder(node: self, codingPath: path))
    }
}

struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue!)" }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { return nil }
}

struct NodeEncoder: Encoder {
    let node: Node
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([:]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { SingleNodeContainer(node: node, codingPath: codingPath) }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [CodingKey]

    func child(_ key: CodingKey) -> Node {
        guard case .object(var members) = node.content else { preconditionFailure("keyed container over a non-object") }
        if let existing = members[key.stringValue] { return existing }
        let fresh = Node()
        members[key.stringValue] = fresh
        node.content = .object(members)
        return fresh
    }

    mutating func encodeNil(forKey key: Key) throws { child(key).content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try child(key).store(value, at: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        NodeEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> Encoder { superEncoder(forKey: Key(stringValue: "super")!) }
    mutating func superEncoder(forKey key: Key) -> Encoder { NodeEncoder(node: child(key), codingPath: codingPath + [key]) }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [CodingKey]

    var count: Int {
        if case .array(let items) = node.content { return items.count }
        return 0
    }

    func append() -> Node {
        guard case .array(var items) = node.content else { preconditionFailure("unkeyed container over a non-array") }
        let fresh = Node()
        items.append(fresh)
        node.content = .array(items)
        return fresh
    }

    mutating func encodeNil() throws { append().content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [IndexKey(count)]
        try append().store(value, at: path)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [IndexKey(count)]
        return NodeEncoder(node: append(), codingPath: path).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let path = codingPath + [IndexKey(count)]
        return NodeEncoder(node: append(), codingPath: path).unkeyedContainer()
    }
    mutating func superEncoder() -> Encoder {
        let path = codingPath + [IndexKey(count)]
        return NodeEncoder(node: append(), codingPath: path)
    }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: Node
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { node.content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.store(value, at: codingPath) }
}
