extension ScenarioDocument {
    /// Every problem of every scenario (`Scenario.validate()`), then the document's own: scenario
    /// names used more than once, notebooks that are empty, repeated, or list a scenario the
    /// document does not hold. (`--set` problems are the program's to report; see `ScenarioProgram`.)
    public func validate() -> [ValidationError] {
        var errors = scenarios.flatMap { $0.validate() }
        var counts = [String: Int]()
        for scenario in scenarios { counts[scenario.name, default: 0] += 1 }
        var reported = Set<String>()
        for scenario in scenarios where counts[scenario.name]! > 1 && reported.insert(scenario.name).inserted {
            errors.append(ValidationError(scenario: scenario.name, component: "name",
                                          message: "is used by \(counts[scenario.name]!) different scenarios"))
        }
        let names = Set(scenarios.map(\.name))
        var notebookNames = Set<String>()
        for notebook in notebooks {
            let component = "notebook '\(notebook.name)'"
            if !notebookNames.insert(notebook.name).inserted {
                errors.append(ValidationError(scenario: nil, component: component, message: "is declared more than once"))
            }
            if notebook.scenarios.isEmpty {
                errors.append(ValidationError(scenario: nil, component: component, message: "is empty"))
            }
            for member in notebook.scenarios where !names.contains(member) {
                errors.append(ValidationError(scenario: nil, component: component,
                                              message: "lists '\(member)', which is not a scenario of this document"))
            }
        }
        return errors
    }
}
