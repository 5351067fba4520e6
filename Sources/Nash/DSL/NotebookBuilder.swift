/// The result builder of `Notebook { … }`: collects scenarios (and arrays of them) in order.
@resultBuilder
public enum NotebookBuilder {
    public static func buildExpression(_ scenario: Scenario) -> [Scenario] { [scenario] }
    public static func buildExpression(_ scenarios: [Scenario]) -> [Scenario] { scenarios }
    public static func buildBlock(_ parts: [Scenario]...) -> [Scenario] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Scenario]?) -> [Scenario] { part ?? [] }
    public static func buildEither(first part: [Scenario]) -> [Scenario] { part }
    public static func buildEither(second part: [Scenario]) -> [Scenario] { part }
    public static func buildArray(_ parts: [[Scenario]]) -> [Scenario] { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: [Scenario]) -> [Scenario] { part }
}

extension Notebook {
    /// Declares a notebook of the scenarios in the body and registers it (and its scenarios, if they
    /// were not registered already) for the scenario program's output.
    ///
    /// ```swift
    /// Notebook("mode-collapse") {
    ///     ring
    ///     ring.variant("unrolled-5") { Unrolled(steps: 5) }
    /// }
    /// ```
    @discardableResult
    public init(_ name: String, @NotebookBuilder _ body: () -> [Scenario]) {
        let members = body()
        for member in members { ScenarioProgram.register(member) }
        self.init(name: name, scenarios: members.map(\.name))
        ScenarioProgram.register(self)
    }
}
