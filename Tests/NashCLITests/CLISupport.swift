import Foundation
import NashTestSupport

/// Runs the built `nash` binary (from the same build products directory as this test binary) in a
/// fresh working directory, as a user would.
struct CLI {
    typealias Result = ProgramResult

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nash-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static var products: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // The test binary may sit inside a bundle directory (`NashPackageTests.xctest/…`).
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("nash").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url
    }

    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// Copies a fixture scenario file into the working directory and returns its path.
    func fixture(_ name: String) throws -> String {
        let target = directory.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: CLI.fixtures.appendingPathComponent(name), to: target)
        return target.path
    }

    func write(_ name: String, _ text: String) throws -> String {
        let target = directory.appendingPathComponent(name)
        try text.write(to: target, atomically: true, encoding: .utf8)
        return target.path
    }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["NASH_CACHE_DIR"] = directory.appendingPathComponent("cache").path
        return env
    }

    /// Starts `nash` with `arguments`; `extraEnvironment` is added to the environment (e.g.
    /// NASH_KERNEL to pin the GEMM kernel). Its stdout and stderr go to the two files returned.
    func start(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> (ChildProcess, URL, URL) {
        let out = directory.appendingPathComponent("out-\(UUID().uuidString.prefix(6))")
        let err = directory.appendingPathComponent("err-\(UUID().uuidString.prefix(6))")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        defer { try? outHandle.close(); try? errHandle.close() }
        let process = try ChildProcess(CLI.products.appendingPathComponent("nash").path, arguments,
                                       environment: environment.merging(extraEnvironment) { $1 },
                                       directory: directory.path, output: .descriptor(outHandle.fileDescriptor),
                                       errors: .descriptor(errHandle.fileDescriptor))
        return (process, out, err)
    }

    func run(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> Result {
        let (process, out, err) = try start(arguments, extraEnvironment: extraEnvironment)
        return Result(termination: process.wait(),
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Runs Debian's python3 (which sees python3-h5py) on a script; returns stdout.
    func python(_ script: String, _ arguments: [String] = []) throws -> Result {
        try runPython(script, arguments)
    }

    /// Every `.h5` file under `results/`.
    func runFiles() -> [String] {
        let root = directory.appendingPathComponent("results")
        return (FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".h5") && !$0.hasSuffix(".replay.h5") }.sorted().map { root.appendingPathComponent($0).path }
    }

    /// The root attribute `digest_sha256` read with h5py.
    func digest(_ path: String) throws -> String {
        try python("import h5py,sys; print(h5py.File(sys.argv[1],'r').attrs.get('digest_sha256',''))", [path])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
