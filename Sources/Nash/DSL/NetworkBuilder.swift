/// Anything that can appear in a network body: it contributes layers, in order.
public protocol LayerComponent {
    var layers: [Layer] { get }
}

/// The result builder of `Generator { … }`, `Discriminator { … }` and `Network { … }`.
/// Native `if`, `if`/`else`, `switch` and `for` work inside (`for _ in 0..<depth { Dense(128, .relu) }`).
@resultBuilder
public enum NetworkBuilder {
    public static func buildExpression(_ component: any LayerComponent) -> [Layer] { component.layers }
    public static func buildExpression(_ layers: [Layer]) -> [Layer] { layers }
    public static func buildBlock(_ parts: [Layer]...) -> [Layer] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Layer]?) -> [Layer] { part ?? [] }
    public static func buildEither(first part: [Layer]) -> [Layer] { part }
    public static func buildEither(second part: [Layer]) -> [Layer] { part }
    public static func buildArray(_ parts: [[Layer]]) -> [Layer] { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: [Layer]) -> [Layer] { part }
}

extension Network: LayerComponent {
    /// A network from a builder body; usable as a block inside another body.
    public init(@NetworkBuilder _ body: () -> [Layer]) { self.init(layers: body()) }
}

extension Layer: LayerComponent {
    public var layers: [Layer] { [self] }
}

extension Activation: LayerComponent {
    public var layers: [Layer] { [.activation(function: self)] }
}

/// Sets the generator: z `[latent dimension]` → a sample of the data's shape.
public struct Generator: ScenarioComponent {
    public var network: Network
    public init(@NetworkBuilder _ body: () -> [Layer]) { network = Network(layers: body()) }
    public init(_ network: Network) { self.network = network }
    public func apply(to scenario: inout Scenario) { scenario.generator = network }
}

/// Sets the discriminator (or critic): a sample → `[1]`, one raw score per sample.
public struct Discriminator: ScenarioComponent {
    public var network: Network
    public init(@NetworkBuilder _ body: () -> [Layer]) { network = Network(layers: body()) }
    public init(_ network: Network) { self.network = network }
    public func apply(to scenario: inout Scenario) { scenario.discriminator = network }
}
