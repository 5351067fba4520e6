// The child process of NashStoreTests' run-file kill -9 test (Tests/NashStoreTests/RunFile/
// RunFileCrashTests.swift): records a made-up run into a RunFile the way the runner does, so that the
// test can kill it at a known or an arbitrary moment and then resume it.
//
//   NashRunFileCrashWriter PATH TOTAL [STOP]
//
// Starts the run at PATH, or resumes it if PATH exists (RunFile.resume, continuing after the last
// checkpoint's step). Steps 0...TOTAL: curves every 5 steps, evals and samples every 50, trajectory
// every 20, a checkpoint every 100 (from step 100). Prints "checkpoint S" after each checkpoint returns,
// and at the end "complete DIGEST". With STOP, after recording step STOP it prints "stopped" and waits
// for the kill (it exits with status 3 if its standard input closes instead).
// Every number is a pure function of the step, so a run's records do not depend on TOTAL.
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

/// An array of `shape` whose values depend on (seed, index) only.
func array(_ name: String, _ shape: [Int], seed: Int) -> NamedArray {
    let count = shape.reduce(1, *)
    return NamedArray(name: name, shape: shape, values: (0..<count).map { Float(seed % 977) + Float($0) / 64 })
}

let arguments = CommandLine.arguments
guard arguments.count == 3 || arguments.count == 4, let total = Int(arguments[2]) else {
    fail("usage: NashRunFileCrashWriter PATH TOTAL [STOP]")
}
let path = arguments[1]
let stop = arguments.count == 4 ? Int(arguments[3]) : nil
let header = RunHeader(scenario: "crash", seed: 3, specJSON: #"{"name":"crash"}"#,
                       specHash: String(repeating: "0f", count: 32), source: nil, totalSteps: total,
                       nashVersion: "0.1.0", swiftVersion: "6.3.1", kernel: "portable",
                       created: "2025-01-02T03:04:05Z")

do {
    let run: RunFile
    var start = 0
    if FileManager.default.fileExists(atPath: path) {
        let (resumed, record) = try RunFile.resume(path: path)
        run = resumed
        start = record.checkpoints.last.map { $0.step + 1 } ?? 0
        try run.begin(header)
    } else {
        run = try RunFile.create(path: path)
        try run.begin(header)
        try run.setReference(array("reference", [256, 2], seed: 1))
        try run.setSampleLatents(array("z", [32, 4], seed: 2))
    }
    if start <= total {
        for step in start...total {
            if step % 5 == 0 {
                try run.appendCurves(step: step, ["loss/D": Double(step) / 3, "loss/G": -Double(step), "D/accuracy": 0.5])
            }
            if step % 50 == 0 { try run.appendEvals(step: step, ["modes": Double(step % 9)]) }
            if step % 50 == 0 { try run.appendSamples(step: step, array("x", [32, 2], seed: step)) }
            if step % 20 == 0 {
                try run.appendTrajectory(step: step, generator: [array("w", [16, 16], seed: step)],
                                         discriminator: [array("w", [16, 16], seed: step + 1)])
            }
            if step > 0 && step % 100 == 0 {
                try run.checkpoint(CheckpointRecord(step: step, generator: [array("w", [64, 64], seed: step)],
                                                    discriminator: [array("w", [64, 64], seed: step + 1)],
                                                    optimizer: [array("generator/w/m", [64, 64], seed: step + 2)]))
                say("checkpoint \(step)")
            }
            if step == stop {
                say("stopped")
                _ = readLine()
                exit(3)
            }
        }
    }
    try run.finish(status: .complete, diagnosisJSON: "[]")
    say("complete " + (try RunFileReader.summary(path: path).digest ?? "none"))
} catch {
    fail("\(error)")
}
