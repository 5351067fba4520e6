import ArgumentParser
import Foundation
import NashStore

/// `nash list [DIR]`: one row per run file under DIR (default `results`).
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the run files under a directory.")

    @Argument(help: "The directory to search.") var directory: String = "results"

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            exitWithError(CLIError("\(directory): no such directory"))
        }
        let files = (FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".h5") }.sorted()
        var rows = [["scenario", "seed", "status", "rounds", "loss/D", "D/accuracy", "file"]]
        var failed = false
        for relative in files {
            let path = "\(directory)/\(relative)"
            do {
                let s = try RunFileReader.summary(path: path)
                rows.append([s.header.scenario, "\(s.header.seed)", s.status.rawValue,
                             "\(s.lastRecordedStep ?? 0)/\(s.header.totalSteps)",
                             s.curves.lastValues["loss/D"].map(ProgressLine.number) ?? "–",
                             s.curves.lastValues["D/accuracy"].map(ProgressLine.number) ?? "–", path])
            } catch {
                FileHandle.standardError.write(Data("nash: \(error)\n".utf8))
                failed = true
            }
        }
        print(Table.render(rows))
        if failed { throw ExitCode(1) }
    }
}
