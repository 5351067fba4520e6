import NashEngine
import NashStore

print("nash-bench: no benchmarks yet")
for line in try StoreBenchmark.report() { print(line) }
