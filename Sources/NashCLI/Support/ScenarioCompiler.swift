import Foundation
import Nash

/// Turns a scenario file into its `ScenarioDocument`: compile it against the `Nash` library that sits
/// next to the `nash` executable, run the program, decode the canonical JSON it prints, validate.
///
/// Compiled programs are cached under `<cache>/scenarios/<key>/scenario`, the key being SHA-256 of
/// the file's text, the libNash.so it links (by content) and the compiler's version line, so editing
/// the file, rebuilding Nash or changing toolchain each compile afresh. A compile takes about a
/// second; a cache hit costs the time to hash libNash.so.
struct ScenarioCompiler {
    /// The directory holding `nash`, `libNash.so` and `Modules/Nash.swiftmodule`.
    var binDirectory: URL
    var cacheDirectory: URL

    init(binDirectory: URL? = nil, cacheDirectory: URL? = nil) {
        self.binDirectory = binDirectory ?? ScenarioCompiler.executableDirectory()
        self.cacheDirectory = cacheDirectory ?? ScenarioCompiler.defaultCacheDirectory()
    }

    /// Compiles (or reuses) and runs `file`, passing `--set NAME=VALUE` for each override.
    func document(for file: String, overrides: [String]) throws -> ScenarioDocument {
        let binary = try compile(file)
        var environment = ProcessInfo.processInfo.environment
        environment[ScenarioProgram.protocolEnvironmentVariable] = "1"
        let result = try Subprocess.run(binary.path, overrides.flatMap { ["--set", $0] }, environment: environment)
        guard result.status == 0 else {
            let cause = result.stderr.split(separator: "\n").first.map(String.init) ?? "exited with status \(result.status)"
            throw CLIError("\(file): \(cause)")
        }
        guard let json = result.stdout.split(separator: "\n").last, !json.isEmpty else {
            throw CLIError("\(file): declares no scenario (expected `let name = Scenario(\"name\") { … }`)")
        }
        let document: ScenarioDocument
        do {
            document = try ScenarioDocument.decode(String(json))
        } catch {
            throw CLIError("\(file): the scenario program printed something that is not a scenario document (\(error))")
        }
        if document.scenarios.isEmpty {
            throw CLIError("\(file): declares no scenario (expected `let name = Scenario(\"name\") { … }`)")
        }
        if let problem = document.validate().first {
            throw CLIError("\(file): \(problem)")
        }
        return document
    }

    /// The cached executable for `file`, compiling it first when the cache has none.
    func compile(_ file: String) throws -> URL {
        guard let source = FileManager.default.contents(atPath: file) else {
            throw CLIError("\(file): no such file")
        }
        let library = binDirectory.appendingPathComponent("libNash.so")
        guard let libraryBytes = FileManager.default.contents(atPath: library.path),
              FileManager.default.fileExists(atPath: binDirectory.appendingPathComponent("Modules/Nash.swiftmodule").path) else {
            throw CLIError("\(file): cannot compile scenarios: libNash.so and Modules/Nash.swiftmodule are not next to nash in \(binDirectory.path)")
        }
        guard let swiftc = Subprocess.which("swiftc") else {
            throw CLIError("\(file): cannot compile scenarios: swiftc is not on PATH")
        }
        var hasher = SHA256()
        hasher.update(Array(source))
        hasher.update(Array(libraryBytes))
        hasher.update(try compilerVersion(swiftc))
        let key = SHA256.hex(hasher.finalize())
        let directory = cacheDirectory.appendingPathComponent("scenarios/\(key)")
        let binary = directory.appendingPathComponent("scenario")
        if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }

        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // NB: compile to a temporary name and rename, so a concurrent `nash run --jobs` or an
        // interrupted compile never leaves a half-written binary under the cached name.
        let partial = directory.appendingPathComponent("scenario.\(ProcessInfo.processInfo.processIdentifier).partial")
        let bin = binDirectory.path
        let result = try Subprocess.run(swiftc, [
            "-O", "-module-name", "Scenario", "-I", "\(bin)/Modules", "-L", bin, "-lNash",
            "-Xlinker", "-rpath", "-Xlinker", bin, file, "-o", partial.path,
        ])
        guard result.status == 0 else {
            try? FileManager.default.removeItem(at: partial)
            let diagnostics = result.stderr.split(separator: "\n").filter { $0.contains("error:") }
            let first = diagnostics.first.map(String.init) ?? "swiftc exited with status \(result.status)"
            throw CLIError(first.hasPrefix(file) ? first : "\(file): \(first)", details: result.stderr)
        }
        _ = try? FileManager.default.removeItem(at: binary)
        try FileManager.default.moveItem(at: partial, to: binary)
        return binary
    }

    /// The compiler's version line (`swift_version` in run files).
    func swiftVersion() throws -> String {
        guard let swiftc = Subprocess.which("swiftc") else { return "unknown" }
        return try compilerVersion(swiftc).split(separator: "\n").first.map(String.init) ?? "unknown"
    }

    private func compilerVersion(_ swiftc: String) throws -> String {
        let result = try Subprocess.run(swiftc, ["--version"])
        return result.stdout + result.stderr
    }

    static func executableDirectory() -> URL {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: path).deletingLastPathComponent()
    }

    /// `$NASH_CACHE_DIR`, else `$XDG_CACHE_HOME/nash`, else `~/.cache/nash`.
    static func defaultCacheDirectory() -> URL {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["NASH_CACHE_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty { return URL(fileURLWithPath: xdg).appendingPathComponent("nash") }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/nash")
    }
}
