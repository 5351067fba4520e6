// nash-bench: the engine's benchmarks. `nash-bench` runs every group; `nash-bench gemm random`
// runs the named groups; `nash-bench --list` lists them. The gan group takes options:
// `nash-bench gan [--config small[,large…]] [--seconds 20] [--repeats 3] [--threads 1,2] [--json]`.
// See bench/README.md for the protocol and the recorded figures.
import Foundation

let groups: [any BenchmarkGroup.Type] = [GemmBenchmark.self, ParallelBenchmark.self, RandomBenchmark.self,
                                        StoreBenchmarkGroup.self, ConvBenchmark.self, GanBenchmark.self]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write("nash-bench: \(message)\n".data(using: .utf8)!)
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())

// The gan group's child process: one configuration and thread count, one JSON line on stdout.
if arguments.first == "--gan-child" {
    guard arguments.count == 5, let threads = Int(arguments[2]), let seconds = Double(arguments[3]),
          let repeats = Int(arguments[4]) else { fail("usage: --gan-child CONFIG THREADS SECONDS REPEATS") }
    do {
        try GanBenchmark.child(config: arguments[1], threads: threads, seconds: seconds, repeats: repeats)
        exit(0)
    } catch {
        fail("\(arguments[1]): \(error)")
    }
}

// The parameters' digest after a fixed number of rounds, to check that an optimisation keeps the bits.
if arguments.first == "--gan-digest" {
    guard arguments.count == 4, let rounds = Int(arguments[2]), let threads = Int(arguments[3]) else {
        fail("usage: --gan-digest CONFIG ROUNDS THREADS")
    }
    do {
        try GanBenchmark.digest(config: arguments[1], rounds: rounds, threads: threads)
        exit(0)
    } catch {
        fail("\(arguments[1]): \(error)")
    }
}

// The host's core-to-core round trip in ns (run_all.py records it around the peers' two-thread runs).
if arguments.first == "--core-round-trip" {
    print(String(format: "%.0f", coreRoundTrip()))
    exit(0)
}

if arguments.contains("--list") || arguments.contains("-h") || arguments.contains("--help") {
    print("usage: nash-bench [group ...] [--config NAME,…] [--seconds S] [--repeats N] [--threads 1,2] [--json]")
    print("       (no group: all; the options apply to the gan group)")
    for group in groups { print("  \(group.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(group.summary)") }
    exit(0)
}

// Options of the gan group; what remains names groups.
var names = [String]()
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    func value() -> String {
        guard !arguments.isEmpty else { fail("\(argument) needs a value") }
        return arguments.removeFirst()
    }
    func list() -> [String] { value().split(separator: ",").map(String.init) }
    switch argument {
    case "--config": GanBenchmark.options.configs = list()
    case "--seconds":
        guard let s = Double(value()), s > 0 else { fail("--seconds needs a positive number") }
        GanBenchmark.options.seconds = s
    case "--repeats":
        guard let n = Int(value()), n >= 1 else { fail("--repeats needs a positive integer") }
        GanBenchmark.options.repeats = n
    case "--threads":
        let counts = list().compactMap { Int($0) }
        guard !counts.isEmpty, counts.allSatisfy({ $0 >= 1 }) else { fail("--threads needs counts such as 1,2") }
        GanBenchmark.options.threads = counts
    case "--json": GanBenchmark.options.json = true
    default: names.append(argument)
    }
}
let unknown = names.filter { name in !groups.contains { $0.name == name } }
if !unknown.isEmpty { fail("unknown group \(unknown.joined(separator: ", ")); try --list") }
print(machineSummary())
for group in groups where names.isEmpty || names.contains(group.name) {
    print("\n== \(group.name): \(group.summary)")
    group.run()
}
