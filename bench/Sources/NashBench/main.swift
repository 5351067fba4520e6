// nash-bench: the engine's benchmarks. `nash-bench` runs every group; `nash-bench gemm random`
// runs the named groups; `nash-bench --list` lists them. See bench/README.md for the protocol and
// the recorded figures.
import Foundation

let groups: [any BenchmarkGroup.Type] = [GemmBenchmark.self, ParallelBenchmark.self, RandomBenchmark.self]

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--list") || arguments.contains("-h") || arguments.contains("--help") {
    print("usage: nash-bench [group ...]   (no group: all)")
    for group in groups { print("  \(group.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(group.summary)") }
    exit(0)
}
let unknown = arguments.filter { name in !groups.contains { $0.name == name } }
if !unknown.isEmpty {
    FileHandle.standardError.write("nash-bench: unknown group \(unknown.joined(separator: ", ")); try --list\n".data(using: .utf8)!)
    exit(2)
}
print(machineSummary())
for group in groups where arguments.isEmpty || arguments.contains(group.name) {
    print("\n== \(group.name): \(group.summary)")
    group.run()
}
