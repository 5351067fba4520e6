"""Runs the GAN benchmark in Nash, PyTorch and JAX on the same protocol and records the figures.

    python bench/peers/run_all.py [--nash-bench .build/release/nash-bench] [--config small,…]
                                  [--threads 1,2] [--seconds 20] [--repeats 3] [--frameworks nash,torch,jax]

For each configuration and thread count it runs `repeats` rounds; a round times one window of each
framework (nash-bench, torch_gan.py, jax_gan.py, each in a fresh process), starting with a different
framework each round. So the three see the host in the same states: a shared host drifts over
minutes (other guests' load, and the two vCPUs placed on near or far cores), and with each
framework's windows back to back one of them could get every window of a bad stretch. It prints
Nash ÷ peer per configuration and thread count (medians of the windows), writes bench/latest.json
(a list of results) and appends a dated section to bench/RESULTS.md. Peak fractions of the peers
use the FMA peak nash-bench measured in the same run.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gan_protocol as protocol  # noqa: E402

FRAMEWORKS = ["nash", "torch", "jax"]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def load_average():
    return "%.2f %.2f %.2f" % os.getloadavg()


def json_lines(command, env=None, preexec_fn=None):
    print("$ " + " ".join(command), file=sys.stderr, flush=True)
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, env=env, preexec_fn=preexec_fn)
    if result.returncode != 0:
        print(f"# exit status {result.returncode}", file=sys.stderr, flush=True)
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def core_round_trip(nash_bench, threads):
    """The host's core-to-core round trip in ns (`nash-bench --core-round-trip` on the two CPUs the
    two-thread runs use), or None when no two-thread run is asked for or it fails."""
    if "2" not in threads.split(","):
        return None
    result = subprocess.run([nash_bench, "--core-round-trip"], stdout=subprocess.PIPE, text=True,
                            preexec_fn=protocol.pin_to(2))
    try:
        return float(result.stdout.strip())
    except ValueError:
        return None


def combine(windows):
    """One result from a framework's windows (one per round): the median window's figures, every
    window's steps/s as `repeats`, the highest peak RSS, and the round trips of each window."""
    rates = [w["steps_per_s"] for w in windows]
    median = sorted(windows, key=lambda w: w["steps_per_s"])[len(windows) // 2]
    result = dict(median)
    result["steps_per_s"] = statistics.median(rates)
    scale = result["steps_per_s"] / median["steps_per_s"]
    result["gflops"] = median["gflops"] * scale
    if median.get("peak_fraction") is not None:
        result["peak_fraction"] = median["peak_fraction"] * scale
    result["repeats"] = rates
    result["peak_rss_mb"] = max(w["peak_rss_mb"] for w in windows)
    trips = [w["core_round_trip_ns"] for w in windows if w.get("core_round_trip_ns")]
    result["core_round_trip_ns"] = trips or None
    return result


def swift_version():
    try:
        out = subprocess.run(["swift", "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
        return out.splitlines()[0].strip() if out else "unknown"
    except OSError:
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nash-bench", default=os.path.join(os.path.dirname(BENCH), ".build", "release", "nash-bench"))
    parser.add_argument("--config", default=",".join(protocol.CONFIGS))
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--repeats", type=int, default=3,
                        help="rounds: windows of each framework per configuration and thread count")
    parser.add_argument("--frameworks", default=",".join(FRAMEWORKS))
    parser.add_argument("--no-record", action="store_true", help="print only; do not write latest.json or RESULTS.md")
    parser.add_argument("--merge", action="store_true",
                        help="keep latest.json's results for the (config, framework, threads) not run this time")
    args = parser.parse_args()
    frameworks = args.frameworks.split(",")
    started = datetime.datetime.now(datetime.timezone.utc)
    loads = [load_average()]
    results, peak, peak_isa, versions = [], None, None, {"swift": swift_version()}

    for config in args.config.split(","):
        for threads in args.threads.split(","):
            windows = {f: [] for f in frameworks}
            for round_ in range(args.repeats):
                for framework in frameworks[round_ % len(frameworks):] + frameworks[:round_ % len(frameworks)]:
                    one = ["--threads", threads, "--seconds", str(args.seconds), "--repeats", "1"]
                    if framework == "nash":
                        # Pinned to as many CPUs as threads, like the peers' children; its child
                        # measures the core-to-core round trip around its window itself.
                        lines = json_lines([args.nash_bench, "gan", "--json", "--config", config] + one,
                                           preexec_fn=protocol.pin_to(int(threads)))
                    else:
                        # The round trip before and after the peer's child says whether its
                        # two-thread window ran on near or far cores.
                        before = core_round_trip(args.nash_bench, threads)
                        lines = json_lines([sys.executable, os.path.join(HERE, f"{framework}_gan.py"),
                                            "--config", config] + one)
                        after = core_round_trip(args.nash_bench, threads)
                        for r in lines:
                            if before is not None and after is not None:
                                r["core_round_trip_ns"] = [before, after]
                    for r in lines:
                        if framework == "nash":
                            peak = max(peak or 0, r["fma_peak_gflops"])
                            peak_isa = r.get("fma_peak_isa", peak_isa)
                        versions.update(r.pop("versions", {}))
                        windows[framework].append(r)
            for framework in frameworks:
                if windows[framework]:
                    results.append(combine(windows[framework]))
        loads.append(load_average())

    date = started.strftime("%Y-%m-%d %H:%M UTC")
    for r in results:
        if "peak_fraction" not in r:
            r["peak_fraction"] = r["gflops"] / (r["threads"] * peak) if peak else None
        r["date"] = date
    keys = ["config", "framework", "threads", "steps_per_s", "gflops", "peak_fraction", "peak_rss_mb", "date",
            "repeats", "cpu_per_wall", "core_round_trip_ns"]
    results = [{k: r.get(k) for k in keys} for r in results]

    table = render(results, frameworks)
    print(table)
    if args.no_record:
        return
    latest = results
    if args.merge and os.path.exists(os.path.join(BENCH, "latest.json")):
        with open(os.path.join(BENCH, "latest.json")) as f:
            kept = json.load(f)
        run = {(r["config"], r["framework"], r["threads"]) for r in results}
        latest = [r for r in kept if (r["config"], r["framework"], r["threads"]) not in run] + results
        order = {c: i for i, c in enumerate(protocol.CONFIGS)}
        latest.sort(key=lambda r: (order.get(r["config"], len(order)), FRAMEWORKS.index(r["framework"])
                                   if r["framework"] in FRAMEWORKS else 0, r["threads"]))
    with open(os.path.join(BENCH, "latest.json"), "w") as f:
        json.dump(latest, f, indent=1)
        f.write("\n")
    path = os.path.join(BENCH, "RESULTS.md")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write("# GAN training: Nash beside PyTorch and JAX\n\nOne section per run of "
                    "`make bench-peers` (bench/peers/run_all.py); protocol in bench/README.md.\n")
    with open(path, "a") as f:
        f.write(f"\n## {date}\n\n")
        f.write(f"- machine: {cpu_model()}, {os.cpu_count()} CPUs ({platform.platform()})\n")
        f.write(f"- load average (1, 5, 15 min) before and after each configuration: {' → '.join(loads)}\n")
        f.write("- versions: " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items())) + "\n")
        f.write(f"- single-core FMA peak measured by nash-bench: {peak:.1f} GFLOP/s"
                + (f" ({peak_isa})" if peak_isa else "") + "\n" if peak else "")
        f.write(f"- protocol: {args.repeats} rounds per configuration and thread count, each a window of "
                f"≥ {args.seconds:g} s of every framework in a fresh process (the first framework rotating), "
                f"median window reported; threads {args.threads}; each run pinned to as many CPUs as "
                f"threads (sched_setaffinity)\n\n")
        f.write(table + "\n")
        trips = [r for r in results if r.get("core_round_trip_ns")]
        if trips:
            f.write("\nCore-to-core round trip (ns) around each two-thread window, rounds separated by `|` "
                    "(Nash: before and after its window; peers: before and after their child); 60-90 ns is "
                    "near cores, ~350 ns far ones (bench/README.md, \"Two threads\"):\n\n")
            for r in trips:
                f.write(f"- {r['config']} {r['framework']}: " + " | ".join(
                    " → ".join(f"{t:.0f}" for t in window) for window in r["core_round_trip_ns"]) + "\n")


def render(results, frameworks):
    """A Markdown table: one row per configuration and thread count."""
    by = {(r["config"], r["framework"], r["threads"]): r for r in results}
    rows = sorted({(r["config"], r["threads"]) for r in results},
                  key=lambda ct: (protocol.CONFIGS.index(ct[0]) if ct[0] in protocol.CONFIGS else 99, ct[1]))
    peers = [f for f in frameworks if f != "nash"]
    head = ["config", "thr"] + [f"{f} steps/s" for f in frameworks] + [f"nash/{p}" for p in peers] \
        + [f"{f} GFLOP/s (of peak)" for f in frameworks] + [f"{f} RSS MB" for f in frameworks]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for config, threads in rows:
        got = {f: by.get((config, f, threads)) for f in frameworks}
        cells = [config, str(threads)]
        cells += [f"{got[f]['steps_per_s']:.3g}" if got[f] else "–" for f in frameworks]
        for p in peers:
            ok = got["nash"] if "nash" in got else None
            cells.append(f"{ok['steps_per_s'] / got[p]['steps_per_s']:.2f}×" if ok and got[p] else "–")
        for f in frameworks:
            r = got[f]
            frac = f" ({100 * r['peak_fraction']:.0f}%)" if r and r.get("peak_fraction") else ""
            cells.append(f"{r['gflops']:.2f}{frac}" if r else "–")
        cells += [f"{got[f]['peak_rss_mb']:.0f}" if got[f] else "–" for f in frameworks]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
