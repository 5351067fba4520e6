import Foundation

/// A fresh directory under the system temporary directory, removed when the value is released.
final class Scratch {
    let url: URL

    init(_ label: String = #function) {
        let name = "nashstore-" + label.filter { $0.isLetter || $0.isNumber } + "-" + UUID().uuidString.prefix(8)
        url = FileManager.default.temporaryDirectory.appendingPathComponent(String(name))
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// The result of running a subprocess to completion.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments`, capturing both output streams.
func run(_ executable: String, _ arguments: [String]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // NB: read both pipes before waiting, or a child filling a pipe buffer would block forever.
    final class Box: @unchecked Sendable { var data = Data() }
    let errData = Box()
    let errDone = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        errData.data = err.fileHandleForReading.readDataToEndOfFile()
        errDone.signal()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    errDone.wait()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData.data, as: UTF8.self))
}

/// Runs a Python program with Debian's interpreter (the one that sees python3-h5py and numpy);
/// `arguments` become `sys.argv[1...]`.
func python(_ program: String, _ arguments: [String] = []) throws -> ProcessResult {
    try run("/usr/bin/python3", ["-c", program] + arguments)
}
