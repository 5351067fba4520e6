/// The `--set NAME=VALUE` arguments of a scenario program, parsed.
///
/// Accepted forms: `--set NAME=VALUE` (two arguments) and `--set=NAME=VALUE` (one). The value is
/// everything after the first `=`. Anything else on the command line is an error, as is setting a
/// name twice; names that no tunable declares are reported by `unknownNames(declared:)` once all
/// declarations are known.
public struct TunableOverrides: Sendable {
    /// NAME → VALUE text, as given.
    public private(set) var values: [String: String] = [:]
    /// Problems with the arguments themselves, in order.
    public private(set) var errors: [ValidationError] = []

    /// Parses program arguments (without the program path).
    public init(arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            let assignment: String
            if argument == "--set" {
                guard index < arguments.count else {
                    errors.append(ValidationError(scenario: nil, component: "--set", message: "expected NAME=VALUE after --set"))
                    break
                }
                assignment = arguments[index]
                index += 1
            } else if argument.hasPrefix("--set=") {
                assignment = String(argument.dropFirst("--set=".count))
            } else {
                errors.append(ValidationError(scenario: nil, component: "argument '\(argument)'",
                                              message: "unknown argument (a scenario program accepts only --set NAME=VALUE)"))
                continue
            }
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                errors.append(ValidationError(scenario: nil, component: "--set \(assignment)", message: "expected NAME=VALUE"))
                continue
            }
            let name = String(assignment[..<equals])
            let value = String(assignment[assignment.index(after: equals)...])
            if values[name] != nil {
                errors.append(ValidationError(scenario: nil, component: "--set \(assignment)", message: "'\(name)' is set more than once"))
                continue
            }
            values[name] = value
        }
    }

    /// The value for tunable `name` of type `Value`: nil when not overridden, or an error naming the
    /// argument when its text is not a `Value`.
    public func value<Value: TunableValue>(for name: String, as type: Value.Type) -> Result<Value?, ValidationError> {
        guard let text = values[name] else { return .success(nil) }
        guard let value = Value(tunableText: text) else {
            return .failure(ValidationError(scenario: nil, component: "--set \(name)=\(text)",
                                            message: "cannot read '\(text)' as \(Value.tunableType.article) for tunable '\(name)' (\(Value.tunableType.rawValue))"))
        }
        return .success(value)
    }

    /// One error per overridden name that is not among `declared`, in name order.
    public func unknownNames(declared: [String]) -> [ValidationError] {
        let known = Set(declared)
        let list = declared.isEmpty ? "the file declares no tunables" : "declared: " + declared.joined(separator: ", ")
        return values.keys.sorted().filter { !known.contains($0) }.map { name in
            ValidationError(scenario: nil, component: "--set \(name)=\(values[name]!)",
                            message: "no tunable named '\(name)' (\(list))")
        }
    }
}
