import ArgumentParser
import Foundation
import NashStore

/// `nash resume RUN.h5`: continue an interrupted or killed run from its last checkpoint; the
/// finished file has the digest an uninterrupted run would have.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Continue a run from its last checkpoint.")

    @Argument(help: "The run file.") var path: String
    @Option(help: "Worker threads for the kernels (results do not depend on it).") var threads: Int = 1

    func run() throws {
        do {
            let summary = try RunFileReader.summary(path: path)
            if summary.status == .complete {
                print("\(path): already complete")
                return
            }
            let launcher = RunLauncher(threads: threads, baseDirectory: FileManager.default.currentDirectoryPath,
                                       source: nil, swiftVersion: summary.header.swiftVersion)
            Interrupt.install()
            let result = try launcher.resume(path: path)
            print(RunLauncher.table([result]))
            if Interrupt.isRequested { throw ExitCode(130) }
        } catch let error as ExitCode {
            throw error
        } catch {
            exitWithError(error)
        }
    }
}
