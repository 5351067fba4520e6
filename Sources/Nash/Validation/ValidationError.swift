/// A problem found before any training, naming the scenario (if any) and the offending component.
///
/// `description` is the one line shown to the user:
/// `scenario 'ring8', discriminator layer 3 (sigmoid): …` or, outside any scenario,
/// `--set gama=1: no tunable named 'gama' (declared: gamma)`.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The scenario's name, or nil for problems of the document or the command line.
    public var scenario: String?
    /// The part at fault: `data`, `generator layer 2 (dense)`, `loss`, `training`, `round entry 1`,
    /// `discriminator optimizer`, `recording`, `seeds`, `notebook 'x'`, `--set a=b`, …
    public var component: String
    public var message: String

    public init(scenario: String?, component: String, message: String) {
        self.scenario = scenario
        self.component = component
        self.message = message
    }

    public var description: String {
        if let scenario { return "scenario '\(scenario)', \(component): \(message)" }
        return "\(component): \(message)"
    }
}
