// The child process of NashStoreTests' kill -9 test (CrashSafetyTests.swift): writes a run-like file
// with RunFileWriter, appending records one at a time and committing every `per-commit` records, until it
// is killed. Before each commit it prints "committing N", after it "committed N" (N = records in the
// committed file), flushing stdout each time.
//
//   NashStoreCrashWriter new PATH PER-COMMIT       start a new file
//   NashStoreCrashWriter resume PATH PER-COMMIT    continue a committed file
//   NashStoreCrashWriter errors PATH 1             provoke HDF5 failures on two threads, print the
//                                                  errors to stdout: HDF5 must print nothing to stderr
//
// Record n holds: curves/step = n, curves/loss/D = n / 2, curves/loss/G = -n, samples/x = [n*8 ..< n*8+8]
// as float32 [4, 2]. A commit whose n is a multiple of 3 × PER-COMMIT first adds the group checkpoints/<n>
// with generator/w = float32 [64, 64] filled with n. The root attribute `records` is n.
import Foundation
import NashStore

func say(_ line: String) {
    print(line)
    fflush(stdout)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let perCommit = Int(arguments[3]), perCommit > 0 else {
    fail("usage: NashStoreCrashWriter new|resume PATH PER-COMMIT")
}
let path = arguments[2]

if arguments[1] == "errors" {
    @Sendable func provoke(_ label: String) {
        let attempts: [() throws -> Void] = [
            { _ = try H5File(path: path + ".missing") },
            { _ = try H5File(path: CommandLine.arguments[0]) },   // an executable is not HDF5
            { _ = try H5File(path: path).createGroup("/") },
            { _ = try H5File(path: path).write("x", [1.0]) },      // read-only
        ]
        for attempt in attempts {
            do { try attempt() } catch { say("\(label): \(error)") }
        }
    }
    do {
        try H5File(path: path, mode: .create).close()
    } catch {
        fail("\(error)")
    }
    provoke("main")
    let done = DispatchSemaphore(value: 0)
    Thread { provoke("thread"); done.signal() }.start()
    done.wait()
    exit(0)
}

do {
    let writer: RunFileWriter
    var records: Int64
    if arguments[1] == "new" {
        writer = try RunFileWriter(path: path, replacing: true)
        let file = writer.file
        try file.setAttribute("format", "nash-run")
        try file.setAttribute("status", "running")
        try file.setAttribute("records", Int64(0))
        _ = try file.createExtendableDataset("curves/step", of: Int64.self)
        _ = try file.createExtendableDataset("curves/loss/D", of: Double.self)
        _ = try file.createExtendableDataset("curves/loss/G", of: Double.self)
        _ = try file.createExtendableDataset("samples/x", of: Float.self, recordShape: [4, 2])
        records = 0
        say("committing 0")
        try writer.commit()
    } else {
        writer = try RunFileWriter(resuming: path)
        records = try writer.file.attribute("records", as: Int64.self)
        guard try writer.file.dataset("curves/step").shape() == [Int(records)] else {
            fail("resumed file has \(try writer.file.dataset("curves/step").shape()) steps, not \(records)")
        }
    }
    let file = writer.file
    let step = try file.dataset("curves/step")
    let lossD = try file.dataset("curves/loss/D")
    let lossG = try file.dataset("curves/loss/G")
    let samples = try file.dataset("samples/x")
    say("committed \(records)")
    while true {
        for _ in 0..<perCommit {
            try step.append(records)
            try lossD.append(Double(records) / 2)
            try lossG.append(-Double(records))
            try samples.append((0..<8).map { Float(records * 8 + Int64($0)) })
            records += 1
        }
        if records % Int64(3 * perCommit) == 0 {
            let checkpoint = try file.createGroup("checkpoints/\(records)")
            try checkpoint.setAttribute("step", records)
            try checkpoint.write("generator/w", [Float](repeating: Float(records), count: 64 * 64), shape: [64, 64])
        }
        try file.setAttribute("records", records)
        say("committing \(records)")
        try writer.commit()
        say("committed \(records)")
    }
} catch {
    fail("\(error)")
}
