/// Everything a scenario file declares, as its program prints it (see `ScenarioProgram`): the Nash
/// version, every scenario and variant in declaration order, the notebooks, and the tunables with
/// their defaults and the values in effect. The CLI decodes it with `ScenarioDocument.decode(_:)`.
public struct ScenarioDocument: Codable, Hashable, Sendable {
    /// `NashVersion.string` of the library the file was compiled against.
    public var nashVersion: String
    public var scenarios: [Scenario]
    public var notebooks: [Notebook]
    public var tunables: [TunableRecord]

    public init(nashVersion: String = NashVersion.string, scenarios: [Scenario], notebooks: [Notebook] = [],
                tunables: [TunableRecord] = []) {
        self.nashVersion = nashVersion
        self.scenarios = scenarios
        self.notebooks = notebooks
        self.tunables = tunables
    }

    /// The canonical JSON text (no trailing newline; the program adds one).
    public func canonicalJSON() throws -> String { try CanonicalJSON.encode(self) }

    /// Decodes a document printed by a scenario program. Throws `JSONParseError` or `DecodingError`.
    public static func decode(_ json: String) throws -> ScenarioDocument {
        try CanonicalJSON.decode(ScenarioDocument.self, from: json)
    }

    /// The scenario with a given name.
    public func scenario(named name: String) -> Scenario? { scenarios.first { $0.name == name } }
}

/// A named group of scenarios shown together (DESIGN.md §3); it holds the members' names, which
/// refer to scenarios of the same document.
public struct Notebook: Codable, Hashable, Sendable {
    public var name: String
    public var scenarios: [String]

    public init(name: String, scenarios: [String]) {
        self.name = name
        self.scenarios = scenarios
    }
}
