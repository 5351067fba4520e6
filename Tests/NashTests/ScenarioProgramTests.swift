import Foundation
import Nash
import NashTestSupport
import Testing

/// Compiles real scenario files with swiftc against the libNash built next to this test binary,
/// exactly as the CLI does, runs them, and decodes what they print.
@Suite(.serialized)
struct ScenarioProgramTests {
    typealias Run = ProgramResult

    /// The build products directory: the one holding the running test executable.
    static let products: URL = {
        let executable = FileManager.default.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe" : CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
    }()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let workDirectory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nash-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func run(_ executable: String, _ arguments: [String], speaksProtocol: Bool = true) throws -> Run {
        var environment = ProcessInfo.processInfo.environment
        environment[ScenarioProgram.protocolEnvironmentVariable] = speaksProtocol ? "1" : nil
        return try runProgram(executable, arguments, environment: environment)
    }

    /// Compiles a fixture once per test process; the CLI's exact command line.
    static func compile(_ fixture: String) throws -> String {
        let library = products.appendingPathComponent("libNash.so").path
        let module = products.appendingPathComponent("Modules/Nash.swiftmodule").path
        guard FileManager.default.fileExists(atPath: library), FileManager.default.fileExists(atPath: module) else {
            throw CompileError(message: "no libNash.so and Modules/Nash.swiftmodule in \(products.path); build with `swift build` first")
        }
        let output = workDirectory.appendingPathComponent(fixture).path
        let result = try run("/usr/bin/env", ["swiftc", "-O", "-module-name", "Scenario",
                                              "-I", products.appendingPathComponent("Modules").path,
                                              "-L", products.path, "-lNash", "-Xlinker", "-rpath", "-Xlinker", products.path,
                                              fixtures.appendingPathComponent(fixture + ".swift").path, "-o", output])
        guard result.status == 0 else { throw CompileError(message: "swiftc failed:\n\(result.stderr)") }
        return output
    }

    struct CompileError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static let modeCollapse = Result { try compile("ModeCollapse") }
    static let dirac = Result { try compile("DiracChatty") }

    init() { quietRegistry() }

    func lastLine(_ text: String) -> String { text.split(separator: "\n").last.map(String.init) ?? "" }

    @Test func printsTheDocumentWithDefaults() throws {
        let program = try Self.modeCollapse.get()
        let result = try Self.run(program, [])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasSuffix("\n"))
        let line = lastLine(result.stdout)
        let document = try ScenarioDocument.decode(line)
        #expect(try document.canonicalJSON() == line)
        #expect(document.nashVersion == NashVersion.string)
        #expect(document.scenarios.map(\.name) == ["ring8", "ring8/unrolled-5", "ring8/wgan-gp"])
        #expect(document.notebooks == [Notebook(name: "mode-collapse", scenarios: ["ring8", "ring8/unrolled-5", "ring8/wgan-gp"])])
        #expect(document.tunables == [
            TunableRecord(name: "gamma", defaultValue: .double(10), value: .double(10)),
            TunableRecord(name: "steps", defaultValue: .int(25_000), value: .int(25_000)),
            TunableRecord(name: "unrolled", defaultValue: .bool(true), value: .bool(true)),
        ])
        #expect(document.validate() == [])
        // The compiled file and the same declarations built in this process agree to the byte.
        #expect(document.scenarios[0] == TestScenarios.ring())
        #expect(try document.scenarios[0].specHash() == TestScenarios.ring().specHash())
        #expect(document.scenarios[1].training.unrolledSteps == 5)
        #expect(document.scenarios[2].regularizers == [.gradientPenalty(weight: 10, target: 1)])
    }

    /// Without `NASH_SCENARIO_PROTOCOL=1` the program is an ordinary process: its arguments are not
    /// read as overrides, nothing is printed and it exits 0 (what keeps test runners' status clean).
    @Test func staysSilentOutsideTheProtocol() throws {
        let program = try Self.modeCollapse.get()
        let result = try Self.run(program, ["--set", "gama=1", "extra"], speaksProtocol: false)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "")
    }

    @Test func appliesOverrides() throws {
        let program = try Self.modeCollapse.get()
        let result = try Self.run(program, ["--set", "gamma=1", "--set=steps=100", "--set", "unrolled=false"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let document = try ScenarioDocument.decode(lastLine(result.stdout))
        #expect(document.scenarios.map(\.name) == ["ring8", "ring8/wgan-gp"])
        #expect(document.scenarios[0].training.length == .steps(count: 100))
        #expect(document.scenarios[1].regularizers == [.gradientPenalty(weight: 1, target: 1)])
        #expect(document.tunables.map(\.value) == [.double(1), .int(100), .bool(false)])
        #expect(document.tunables.map(\.defaultValue) == [.double(10), .int(25_000), .bool(true)])
        #expect(try document.scenarios[0].specHash() != TestScenarios.ring().specHash())
        #expect(try document.scenarios[0].specHash() == TestScenarios.ring().overriding(steps: 100).specHash())
    }

    @Test func rejectsBadArguments() throws {
        let program = try Self.modeCollapse.get()
        let result = try Self.run(program, ["--set", "gama=1", "--set", "steps=1.5", "extra"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            argument 'extra': unknown argument (a scenario program accepts only --set NAME=VALUE)
            --set steps=1.5: cannot read '1.5' as an integer for tunable 'steps' (int)
            --set gama=1: no tunable named 'gama' (declared: gamma, steps, unrolled)

            """)
    }

    @Test func documentIsTheLastLineAfterTheFilesOwnOutput() throws {
        let program = try Self.dirac.get()
        let result = try Self.run(program, [])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "a scenario file may print; the document comes last")
        let document = try ScenarioDocument.decode(lastLine(result.stdout))
        #expect(document.scenarios.map(\.name) == ["dirac", "dirac/lr-0.01", "dirac/lr-1.0"])
        #expect(document.scenarios[0] == TestScenarios.dirac())
        #expect(document.scenarios[2].training.generatorOptimizer == .sgd(lr: 1))
        #expect(document.tunables.isEmpty && document.notebooks.isEmpty)
        #expect(document.validate() == [])

        let unknown = try Self.run(program, ["--set", "lr=1"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "--set lr=1: no tunable named 'lr' (the file declares no tunables)\n")
        #expect(unknown.stdout == "a scenario file may print; the document comes last\n")
    }
}
