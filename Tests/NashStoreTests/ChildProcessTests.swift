import Foundation
import NashStore
import NashTestSupport
import Testing

/// The tests' child processes (h5py, h5dump, the crash writers, `nash`) must not take the files
/// other tests have open: HDF5 locks an open file with flock, which a child inheriting the descriptor
/// holds until it exits, and the other test's next open of its own file then fails.
@Suite("Child processes inherit no open file")
struct ChildProcessTests {
    @Test("a child started while a file is open holds no descriptor but its standard streams")
    func onlyStandardStreams() throws {
        let scratch = Scratch()
        let file = try H5File(path: scratch.path("open.h5"), mode: .create)
        try file.write("x", [1, 2, 3] as [Float], shape: [3])
        let plain = open("/dev/zero", O_RDONLY)   // without close-on-exec, as HDF5 opens its files
        defer { close(plain) }
        let result = try runPython("import os; print(' '.join(sorted(os.listdir('/proc/self/fd'))))")
        try file.close()
        #expect(result.status == 0, "\(result.stderr)")
        // 3 is the descriptor listdir itself opened on /proc/self/fd.
        #expect(result.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                == ["0", "1", "2", "3"])
    }

    @Test("a child dropped while it runs is killed and reaped, so it outlives no test")
    func droppedChildIsReaped() throws {
        var child: ChildProcess? = try ChildProcess("/bin/sleep", ["30"], input: .pipe)
        let pid = try #require(child?.pid)
        #expect(child?.isRunning == true)
        let start = Date()
        child = nil
        // kill(pid, 0) fails with ESRCH once the process is gone and reaped (a zombie would answer).
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    /// Another thread starts children all along while this one creates, closes and reopens files.
    /// With Foundation's `Process` about one reopen in ten failed here; with `ChildProcess` started
    /// outside `H5File.excludingOpensAndCloses`, one in five.
    @Test("files reopen while another thread starts children")
    func reopenWhileSpawning() throws {
        let scratch = Scratch()
        final class Spawner: @unchecked Sendable {
            let lock = NSLock()
            var stop = false
            var children: [ChildProcess] = []
            var failures: [String] = []
        }
        let spawner = Spawner()
        let done = DispatchSemaphore(value: 0)
        Thread {
            while spawner.lock.withLock({ !spawner.stop }) {
                do {
                    let child = try ChildProcess("/bin/sleep", ["0.1"], output: .null, errors: .null)
                    spawner.lock.withLock { spawner.children.append(child) }
                    usleep(500)
                } catch {
                    spawner.lock.withLock { spawner.failures.append("\(error)") }
                }
            }
            done.signal()
        }.start()
        var failures: [String] = []
        for index in 0..<600 {
            let path = scratch.path("file-\(index).h5")
            do {
                let file = try H5File(path: path, mode: .create)
                try file.write("x", [Float(index)], shape: [1])
                try file.close()
                let again = try H5File(path: path)
                #expect(try again.read("x", as: Float.self).values == [Float(index)])
                try again.close()
            } catch {
                failures.append("\(error)")
            }
        }
        spawner.lock.withLock { spawner.stop = true }
        done.wait()
        let children = spawner.lock.withLock { spawner.children }
        #expect(children.count > 10, "the other thread started only \(children.count) children")
        #expect(children.allSatisfy { $0.wait() == .exited(0) })
        #expect(spawner.failures.isEmpty, "\(spawner.failures.prefix(3))")
        #expect(failures.isEmpty, "\(failures.count) of 600 reopens failed, first: \(failures.first ?? "")")
    }
}
