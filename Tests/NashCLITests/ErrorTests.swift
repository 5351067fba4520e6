import Foundation
import Testing

/// Bad input gets one clear line naming the file and the cause, and a non-zero exit.
struct ErrorTests {
    @Test func brokenScenarioShowsTheCompilerMessageWithFileAndLine() throws {
        let cli = try CLI()
        let file = try cli.write("broken.swift", "import Nash\nlet s = Scenario(\"x\") { Dataset.ring(modes: 8\n")
        let result = try cli.run(["run", file])
        #expect(result.status != 0)
        let line = try #require(result.stderr.split(separator: "\n").last { $0.hasPrefix("nash: ") })
        #expect(line.contains("broken.swift:"))
        #expect(line.contains("error:"))
    }

    @Test func unknownSetNameIsRejected() throws {
        let cli = try CLI()
        let file = try cli.fixture("Tiny.swift")
        let result = try cli.run(["run", file, "--set", "gama=1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Tiny.swift"))
        #expect(result.stderr.contains("gama"))
        #expect(cli.runFiles().isEmpty)
    }

    @Test func invalidScenarioIsRejectedBeforeTraining() throws {
        let cli = try CLI()
        var text = try String(contentsOf: CLI.fixtures.appendingPathComponent("Tiny.swift"), encoding: .utf8)
        text = text.replacingOccurrences(of: ".adam(lr: 1e-3, beta1: 0.5))\n        Update(.generator", with: ".adam(lr: -1e-3, beta1: 0.5))\n        Update(.generator")
        let file = try cli.write("negative.swift", text)
        let result = try cli.run(["run", file])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.contains("negative.swift") && result.stderr.contains("learning rate"))
        #expect(cli.runFiles().isEmpty)
    }

    @Test func damagedRunFileGivesOneClearLine() throws {
        let cli = try CLI()
        let garbage = try cli.write("damaged.h5", String(repeating: "not hdf5 ", count: 100))
        for command in [["show", garbage], ["resume", garbage], ["replay", garbage]] {
            let result = try cli.run(command)
            #expect(result.status != 0)
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stderr.contains("damaged.h5"))
        }
    }
}
