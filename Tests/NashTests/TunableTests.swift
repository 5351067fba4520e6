import Nash
import Testing

struct TunableTests {
    func messages(_ arguments: [String]) -> [String] { TunableOverrides(arguments: arguments).errors.map(\.description) }

    @Test func parsesBothForms() throws {
        let overrides = TunableOverrides(arguments: ["--set", "gamma=1", "--set=steps=25_000", "--set", "tag=a=b"])
        #expect(overrides.errors.isEmpty)
        #expect(overrides.values == ["gamma": "1", "steps": "25_000", "tag": "a=b"])
        #expect(try overrides.value(for: "gamma", as: Double.self).get() == 1)
        #expect(try overrides.value(for: "steps", as: Int.self).get() == 25_000)
        #expect(try overrides.value(for: "tag", as: String.self).get() == "a=b")
        #expect(try overrides.value(for: "absent", as: Double.self).get() == nil)
    }

    @Test func argumentErrors() {
        #expect(messages(["--set"]) == ["--set: expected NAME=VALUE after --set"])
        #expect(messages(["--set", "gamma"]) == ["--set gamma: expected NAME=VALUE"])
        #expect(messages(["--set=", "--set", "=1"]) == ["--set : expected NAME=VALUE", "--set =1: expected NAME=VALUE"])
        #expect(messages(["--set", "gamma=1", "--set", "gamma=2"]) == ["--set gamma=2: 'gamma' is set more than once"])
        #expect(messages(["foo", "--steps", "3"]) == [
            "argument 'foo': unknown argument (a scenario program accepts only --set NAME=VALUE)",
            "argument '--steps': unknown argument (a scenario program accepts only --set NAME=VALUE)",
            "argument '3': unknown argument (a scenario program accepts only --set NAME=VALUE)",
        ])
    }

    @Test func unparsableValues() {
        let overrides = TunableOverrides(arguments: ["--set", "gamma=abc", "--set", "steps=1.5", "--set", "wide=yes", "--set", "eps=inf"])
        func failure<V: TunableValue>(_ name: String, _ type: V.Type) -> String? {
            if case .failure(let error) = overrides.value(for: name, as: type) { return error.description }
            return nil
        }
        #expect(failure("gamma", Double.self) == "--set gamma=abc: cannot read 'abc' as a number for tunable 'gamma' (double)")
        #expect(failure("steps", Int.self) == "--set steps=1.5: cannot read '1.5' as an integer for tunable 'steps' (int)")
        #expect(failure("wide", Bool.self) == "--set wide=yes: cannot read 'yes' as true or false for tunable 'wide' (bool)")
        #expect(failure("eps", Double.self) == "--set eps=inf: cannot read 'inf' as a number for tunable 'eps' (double)")
    }

    @Test func unknownNames() {
        let overrides = TunableOverrides(arguments: ["--set", "gama=1", "--set", "gamma=2", "--set", "a=0"])
        #expect(overrides.unknownNames(declared: ["gamma", "steps"]).map(\.description) == [
            "--set a=0: no tunable named 'a' (declared: gamma, steps)",
            "--set gama=1: no tunable named 'gama' (declared: gamma, steps)",
        ])
        #expect(TunableOverrides(arguments: ["--set", "x=1"]).unknownNames(declared: []).map(\.description) == [
            "--set x=1: no tunable named 'x' (the file declares no tunables)",
        ])
    }

    @Test func valueTexts() {
        #expect(Double(tunableText: "1e-4") == 1e-4)
        #expect(Double(tunableText: "1_000.5") == 1000.5)
        #expect(Double(tunableText: "nan") == nil)
        #expect(Int(tunableText: "-3") == -3)
        #expect(Int(tunableText: "3.0") == nil)
        #expect(Bool(tunableText: "false") == false)
        #expect(Bool(tunableText: "0") == nil)
        #expect(String(tunableText: "") == "")
        #expect(TunableScalar.double(0.0001).description == "0.0001")
    }

    /// Declaring a tunable in-process (no --set on this test process's command line) yields its
    /// default and records it.
    @Test func declaringRegisters() {
        quietRegistry()
        let width = Tunable("tunable-tests-width", 64)
        #expect(width.value == 64)
        #expect(width.defaultValue == 64)
        #expect(ScenarioProgram.document().tunables.contains(TunableRecord(name: "tunable-tests-width", defaultValue: .int(64), value: .int(64))))
    }
}
