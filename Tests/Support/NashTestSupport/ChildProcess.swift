import CNashTestSpawn
import Foundation
import NashStore

/// A program the tests run: h5py scripts, h5dump, swiftc, the `nash` binary, crash writers.
///
/// NB: not Foundation's `Process`. On Linux it closes the descriptors that were open when it looked
/// and then spawns, so a file another test's thread opens in between reaches the child, with the
/// lock HDF5 holds on it, until the child exits; that test's next open of its own file then fails
/// ("unable to lock file, errno = 11"). A `ChildProcess` inherits its three standard streams and
/// nothing else, and is started while no thread opens or closes an HDF5 file: from fork to exec a
/// child holds a copy of every descriptor, closed ones included
/// (`H5File.excludingOpensAndCloses`).
///
/// ```swift
/// let child = try ChildProcess("/usr/bin/python3", ["-c", "print(1)"])
/// let output = child.readToEnd()            // stdout "1\n", stderr ""
/// #expect(child.wait() == .exited(0))
/// ```
public final class ChildProcess {
    /// Where one of the child's standard streams goes.
    public enum Stream {
        /// /dev/null.
        case null
        /// A new pipe; the parent's end is `standardInput`, `standardOutput` or `standardError`.
        case pipe
        /// An open descriptor of the caller's (a log file, say), which the caller keeps and closes.
        case descriptor(Int32)
    }

    /// How the child ended.
    public enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)

        /// The exit status, or 128 + the signal's number for a child a signal ended (as shells say).
        public var status: Int32 {
            switch self {
            case .exited(let code): return code
            case .signalled(let signal): return 128 + signal
            }
        }
    }

    public let pid: pid_t
    /// The parent's ends of the pipes the child was given (nil for other streams).
    public let standardInput: FileHandle?
    public let standardOutput: FileHandle?
    public let standardError: FileHandle?
    private var ended: Termination?

    /// Starts `executable` (a path) with `arguments`; `environment` nil keeps this process's.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                directory: String? = nil, input: Stream = .null, output: Stream = .pipe, errors: Stream = .pipe) throws {
        var parentEnds: [FileHandle?] = []
        var childEnds: [Int32] = []
        var toClose: [Int32] = []
        defer { toClose.forEach { close($0) } }
        for (index, stream) in [input, output, errors].enumerated() {
            switch stream {
            case .null:
                let fd = open("/dev/null", index == 0 ? O_RDONLY | O_CLOEXEC : O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw ChildProcessError(executable: executable, errno: errno) }
                childEnds.append(fd); toClose.append(fd); parentEnds.append(nil)
            case .pipe:
                var ends: [Int32] = [-1, -1]
                guard nash_test_pipe(&ends) == 0 else { throw ChildProcessError(executable: executable, errno: errno) }
                // ends[0] reads, ends[1] writes; the child's end is the write end of stdout and stderr.
                let (child, parent) = index == 0 ? (ends[0], ends[1]) : (ends[1], ends[0])
                childEnds.append(child); toClose.append(child)
                parentEnds.append(FileHandle(fileDescriptor: parent, closeOnDealloc: true))
            case .descriptor(let fd):
                childEnds.append(fd); parentEnds.append(nil)
            }
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + env).forEach { free($0) } }
        var pid: pid_t = 0
        let status = H5File.excludingOpensAndCloses {
            nash_test_spawn(&pid, executable, argv, env, directory, childEnds[0], childEnds[1], childEnds[2])
        }
        guard status == 0 else { throw ChildProcessError(executable: executable, errno: status) }
        self.pid = pid
        (standardInput, standardOutput, standardError) = (parentEnds[0], parentEnds[1], parentEnds[2])
    }

    /// Waits for the child to end (once; later calls return the same).
    @discardableResult
    public func wait() -> Termination {
        if let ended { return ended }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return ending(status)
    }

    /// Whether the child has not ended yet (without waiting).
    public var isRunning: Bool {
        if ended != nil { return false }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return true }
        ending(status)
        return false
    }

    /// Records how the child ended from its wait status.
    @discardableResult
    private func ending(_ status: Int32) -> Termination {
        let termination: Termination = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
        ended = termination
        return termination
    }

    /// Sends `signal` to the child.
    public func kill(_ signal: Int32) {
        _ = Glibc.kill(pid, signal)
    }

    /// Everything the child writes to its stdout and stderr pipes until it closes them, read side by
    /// side (a child that fills one pipe while the parent waits on the other would block forever).
    public func readToEnd() -> (stdout: String, stderr: String) {
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let done = DispatchSemaphore(value: 0)
        if let handle = standardError {
            DispatchQueue.global().async {
                errors.data = handle.readDataToEndOfFile()
                done.signal()
            }
        } else {
            done.signal()
        }
        let output = standardOutput?.readDataToEndOfFile() ?? Data()
        done.wait()
        return (String(decoding: output, as: UTF8.self), String(decoding: errors.data, as: UTF8.self))
    }

    deinit {
        // A child nobody waited for belongs to a test that failed on the way: it may wait for its
        // standard input to close (the crash writers do), or forever. So: close our ends of its
        // pipes, kill it if it still runs, and reap it, so it neither outlives the test nor stays a
        // zombie for the rest of the run.
        guard ended == nil else { return }
        for handle in [standardInput, standardOutput, standardError] { try? handle?.close() }
        if isRunning { kill(SIGKILL) }
        wait()
    }
}

/// What a program printed and how it ended.
public struct ProgramResult: Sendable {
    public var termination: ChildProcess.Termination
    public var stdout: String
    public var stderr: String

    public init(termination: ChildProcess.Termination, stdout: String, stderr: String) {
        (self.termination, self.stdout, self.stderr) = (termination, stdout, stderr)
    }

    /// The exit status, or 128 + the signal's number for a child a signal ended.
    public var status: Int32 { termination.status }
}

/// Runs `executable` with `arguments` to its end and captures both output streams.
public func runProgram(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                       directory: String? = nil) throws -> ProgramResult {
    let child = try ChildProcess(executable, arguments, environment: environment, directory: directory)
    let (stdout, stderr) = child.readToEnd()
    return ProgramResult(termination: child.wait(), stdout: stdout, stderr: stderr)
}

/// Debian's python3, the interpreter that sees python3-h5py and numpy (a `python3` earlier on PATH
/// may not).
public let debianPython = "/usr/bin/python3"

/// Runs the Python program `script` with Debian's python3 (`debianPython`) to its end; `arguments`
/// become `sys.argv[1...]`.
public func runPython(_ script: String, _ arguments: [String] = [], directory: String? = nil) throws -> ProgramResult {
    try runProgram(debianPython, ["-c", script] + arguments, directory: directory)
}

/// A program that could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    public var executable: String
    public var errno: Int32
    public var description: String { "\(executable): cannot start: \(String(cString: strerror(errno)))" }
}
