#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The scenario program protocol: a compiled scenario file prints what it declares and exits.
///
/// A scenario file holds only declarations (`let ring = Scenario(…) { … }`, `Notebook(…) { … }`,
/// `let gamma = Tunable("gamma", 10.0)`). Each initialiser registers its value in this process-wide
/// registry as top-level code runs. The first registration installs an `atexit` handler; when the
/// file's top-level code has finished and the process exits, the handler
/// - prints each problem with the command line (`--set` of an unknown name, a value that does not
///   parse, a stray argument, a tunable declared twice with different defaults) as one line on
///   stderr and ends the process with status 2, printing nothing on stdout; otherwise
/// - prints the `ScenarioDocument` (Nash version, scenarios and variants in declaration order,
///   notebooks, tunables) as canonical JSON on one line of stdout, and the process exits 0.
///
/// The document is the last line of stdout, so a file that prints of its own accord does not break
/// the protocol. A file that declares nothing prints nothing.
///
/// The handler acts only in a process started with `NASH_SCENARIO_PROTOCOL=1` in its environment,
/// which is how `nash` runs a compiled scenario file. Any other process that builds scenarios with
/// the DSL (a test runner, the `nash` binary itself, a tool) exits as it would without Nash: its exit
/// status and stdout must never depend on having built a `Scenario` value.
public enum ScenarioProgram {
    /// The environment variable that turns the exit handler on, and the value it must have.
    public static let protocolEnvironmentVariable = "NASH_SCENARIO_PROTOCOL"

    /// Whether the exit handler prints the document: true when the process was started with
    /// `NASH_SCENARIO_PROTOCOL=1`; a host may still turn it off.
    public static var emitsAtExit: Bool {
        get { registry.withLock { $0.emitsAtExit } }
        set { registry.withLock { $0.emitsAtExit = newValue } }
    }

    /// What the program would print now.
    public static func document() -> ScenarioDocument {
        registry.withLock { state in
            ScenarioDocument(scenarios: state.scenarios, notebooks: state.notebooks, tunables: state.tunables)
        }
    }

    /// The command-line problems found so far and, since every declaration is known by then, the
    /// `--set` names that no tunable declares.
    public static func problems() -> [ValidationError] {
        registry.withLock { state in
            state.problems + state.overrides.unknownNames(declared: state.tunables.map(\.name))
        }
    }

    static func register(_ scenario: Scenario) {
        registry.withLock { state in
            // NB: a scenario registers when built and again when listed in a notebook; keep one copy.
            if !state.scenarios.contains(scenario) { state.scenarios.append(scenario) }
        }
    }

    static func register(_ notebook: Notebook) {
        registry.withLock { state in
            if !state.notebooks.contains(notebook) { state.notebooks.append(notebook) }
        }
    }

    /// The value of a tunable being declared: the override if given and valid, else the default.
    static func resolve<Value: TunableValue>(_ name: String, _ defaultValue: Value) -> Value {
        registry.withLock { state in
            var value = defaultValue
            switch state.overrides.value(for: name, as: Value.self) {
            case .success(let override?): value = override
            case .success(nil): break
            case .failure(let error): state.problems.append(error)
            }
            let record = TunableRecord(name: name, defaultValue: defaultValue.scalar, value: value.scalar)
            if let existing = state.tunables.first(where: { $0.name == name }) {
                if existing.defaultValue != record.defaultValue {
                    state.problems.append(ValidationError(
                        scenario: nil, component: "tunable '\(name)'",
                        message: "declared twice with different defaults (\(existing.defaultValue) and \(record.defaultValue))"))
                }
            } else {
                state.tunables.append(record)
            }
            return value
        }
    }

    /// The exit handler's work; see the type's documentation.
    static func emitAtExit() {
        guard emitsAtExit else { return }
        let found = problems()
        guard found.isEmpty else {
            for problem in found { fputs(problem.description + "\n", stderr) }
            fflush(stdout)
            fflush(stderr)
            _exit(2)
        }
        do {
            let json = try document().canonicalJSON()
            fputs(json + "\n", stdout)
            fflush(stdout)
        } catch {
            fputs("scenario file: the declared values have no JSON form: \(describeEncodingError(error))\n", stderr)
            fflush(stdout)
            fflush(stderr)
            _exit(2)
        }
    }

    static func describeEncodingError(_ error: Error) -> String {
        guard case EncodingError.invalidValue(_, let context) = error else { return "\(error)" }
        let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return "\(path): \(context.debugDescription)"
    }
}

/// The registry's contents.
struct RegistryState {
    var scenarios: [Scenario] = []
    var notebooks: [Notebook] = []
    var tunables: [TunableRecord] = []
    var problems: [ValidationError]
    var overrides: TunableOverrides
    var emitsAtExit = (getenv(ScenarioProgram.protocolEnvironmentVariable).map { String(cString: $0) } == "1")

    init(arguments: [String]) {
        overrides = TunableOverrides(arguments: arguments)
        problems = overrides.errors
    }
}

/// The process-wide registry. Created on first use, which installs the exit handler.
let registry: Locked<RegistryState> = {
    let locked = Locked(RegistryState(arguments: Array(CommandLine.arguments.dropFirst())))
    atexit { ScenarioProgram.emitAtExit() }
    return locked
}()
