import NashEngine
print("nash-bench: no benchmarks yet")
