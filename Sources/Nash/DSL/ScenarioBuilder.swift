/// Anything that can appear in a scenario body: it sets or changes part of the scenario.
/// Components apply in the order written, so a later one overrides an earlier one (this is also how
/// a variant overrides its base).
public protocol ScenarioComponent {
    func apply(to scenario: inout Scenario)
}

/// The result builder of `Scenario { … }`, `variant(_:_:)` and `Components { … }`: collects
/// components in order. Native `if`, `if`/`else`, `switch` and `for` work inside.
@resultBuilder
public enum ScenarioBuilder {
    public static func buildExpression(_ component: any ScenarioComponent) -> [any ScenarioComponent] { [component] }
    public static func buildExpression(_ components: [any ScenarioComponent]) -> [any ScenarioComponent] { components }
    public static func buildBlock(_ parts: [any ScenarioComponent]...) -> [any ScenarioComponent] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any ScenarioComponent]?) -> [any ScenarioComponent] { part ?? [] }
    public static func buildEither(first part: [any ScenarioComponent]) -> [any ScenarioComponent] { part }
    public static func buildEither(second part: [any ScenarioComponent]) -> [any ScenarioComponent] { part }
    public static func buildArray(_ parts: [[any ScenarioComponent]]) -> [any ScenarioComponent] { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: [any ScenarioComponent]) -> [any ScenarioComponent] { part }
}

/// A reusable bundle of components: `let adam = Components { Update(.discriminator, with: …); … }`.
public struct Components: ScenarioComponent {
    public var parts: [any ScenarioComponent]

    public init(@ScenarioBuilder _ body: () -> [any ScenarioComponent]) { parts = body() }

    public func apply(to scenario: inout Scenario) {
        for part in parts { part.apply(to: &scenario) }
    }
}

extension Scenario {
    /// Declares a scenario: starts empty (seeds `[1]`, curves every 10 rounds, nothing else), applies
    /// the body's components in order, and registers the result for the scenario program's output.
    @discardableResult
    public init(_ name: String, @ScenarioBuilder _ body: () -> [any ScenarioComponent]) {
        self.init(name: name)
        for component in body() { component.apply(to: &self) }
        ScenarioProgram.register(self)
    }

    /// A variant named `<base>/<name>`: this scenario with the body's components applied on top,
    /// registered like any scenario. Components replace what they set (a `Loss` replaces the loss, a
    /// regulariser replaces one of its kind, `DiscriminatorSteps(5)` changes D's repetitions…).
    @discardableResult
    public func variant(_ name: String, @ScenarioBuilder _ body: () -> [any ScenarioComponent]) -> Scenario {
        var copy = self
        copy.name = self.name + "/" + name
        copy.variantOf = self.name
        for component in body() { component.apply(to: &copy) }
        ScenarioProgram.register(copy)
        return copy
    }
}

// MARK: - Model values as components

extension Dataset: ScenarioComponent {
    /// Sets the data.
    public func apply(to scenario: inout Scenario) { scenario.data = self }
}

extension Latent: ScenarioComponent {
    /// Sets the latent distribution.
    public func apply(to scenario: inout Scenario) { scenario.latent = self }
}

extension Loss: ScenarioComponent {
    /// Sets the loss.
    public func apply(to scenario: inout Scenario) { scenario.loss = self }
}

extension Regularizer: ScenarioComponent {
    /// Adds the regulariser, replacing one of the same kind in place.
    public func apply(to scenario: inout Scenario) {
        if let index = scenario.regularizers.firstIndex(where: { $0.kind == kind }) {
            scenario.regularizers[index] = self
        } else {
            scenario.regularizers.append(self)
        }
    }
}
