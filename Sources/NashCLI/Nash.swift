import ArgumentParser
import Nash

@main
struct NashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nash",
        abstract: "Train, replay and export reproducible GAN experiments.",
        version: NashVersion.string)
}
