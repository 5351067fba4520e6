import ArgumentParser
import Foundation
import Nash

@main
struct NashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nash",
        abstract: "Train, replay and export reproducible GAN experiments.",
        version: NashVersion.string,
        subcommands: [RunCommand.self, ResumeCommand.self, ReplayCommand.self, ShowCommand.self, ListCommand.self,
                      ExportCommand.self])
}

/// Prints a failure as one line on stderr (`nash: <file>: <cause>`) and exits with status 1.
func exitWithError(_ error: Error) -> Never {
    var line = "\(error)"
    if let cli = error as? CLIError {
        line = cli.message
        if !cli.details.isEmpty { FileHandle.standardError.write(Data(cli.details.utf8)) }
    }
    FileHandle.standardError.write(Data("nash: \(line.split(separator: "\n").first ?? "")\n".utf8))
    Foundation.exit(1)
}
