"""The GAN benchmark protocol shared by torch_gan.py and jax_gan.py (bench/README.md, "GAN training").

The five configurations, the nominal FLOPs of one step (the same formula as nash-bench's
GanConfiguration.flopsPerStep), and the harness: each (configuration, thread count) runs in a fresh
child process with the thread variables set before the framework is imported, warms up, times
`repeats` windows of at least `seconds` each, and prints one JSON line.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

# name: (hidden width, hidden layers, batch, gradient penalty)
MLP = {
    "small": (128, 2, 512, False),
    "small-gp": (128, 2, 512, True),
    "large": (512, 3, 1024, False),
    "large-gp": (512, 3, 1024, True),
}
CONFIGS = list(MLP) + ["dcgan28"]

RING_MODES, RING_RADIUS, RING_STD = 8, 2.0, 0.02
LR, BETA1, BETA2, ADAM_EPS = 1e-4, 0.5, 0.999, 1e-8
GP_WEIGHT, GP_D_STEPS = 10.0, 5
DCGAN_LATENT, DCGAN_BATCH, DCGAN_IMAGES = 100, 64, 1024


def d_steps(config):
    return GP_D_STEPS if config in MLP and MLP[config][3] else 1


def multiply_adds(config):
    """(P_G, P_D): multiply-adds per sample of one forward pass of G and of D."""
    if config in MLP:
        width, depth, _, _ = MLP[config]
        hidden = width * width * (depth - 1)
        return 2 * width + hidden + width * 2, 2 * width + hidden + width * 1
    # G: ConvT 100→128 k7 on 1×1; ConvT 128→64 k4 on 7×7; ConvT 64→1 k4 on 14×14 (in_h·in_w·in_c·out_c·k²)
    pg = 1 * 1 * 100 * 128 * 49 + 7 * 7 * 128 * 64 * 16 + 14 * 14 * 64 * 1 * 16
    # D: Conv 1→64 k4 s2 to 14×14; Conv 64→128 k4 s2 to 7×7 (out_h·out_w·out_c·in_c·k²); Dense 6272→1
    pd = 14 * 14 * 64 * 1 * 16 + 7 * 7 * 128 * 64 * 16 + 6272
    return pg, pd


def flops_per_step(config):
    """Nominal FLOPs of one step (k D steps and one G step); see bench/README.md."""
    pg, pd = multiply_adds(config)
    b = MLP[config][2] if config in MLP else DCGAN_BATCH
    gp = config in MLP and MLP[config][3]
    d_step = 2 * b * pg + 12 * b * pd + (8 * b * pd if gp else 0)
    g_step = 6 * b * pg + 6 * b * pd
    return d_steps(config) * d_step + g_step


def thread_environment(threads):
    """Environment for a child limited to `threads` threads (OpenMP, MKL, OpenBLAS, XLA)."""
    env = dict(os.environ)
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[name] = str(threads)
    eigen = "false" if threads == 1 else "true"
    env["XLA_FLAGS"] = f"--xla_cpu_multi_thread_eigen={eigen} intra_op_parallelism_threads={threads}"
    return env


def pin_to(threads):
    """A `preexec_fn` that restricts the child to the first `threads` CPUs it may run on.

    The thread variables alone do not hold a framework to its thread count: XLA runs each jitted
    computation on a runtime thread beside the Python thread that waits for it, so JAX "on one
    thread" used 1.5 CPUs of this host (cpu/wall 1.55) when a second CPU was free. Every framework's
    child (nash-bench's too, see run_all.py) is therefore pinned: n threads means n CPUs."""
    cpus = sorted(os.sched_getaffinity(0))[:threads]
    return lambda: os.sched_setaffinity(0, cpus)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # ru_maxrss is in kB on Linux


def measure(step, seconds, repeats):
    """Warm up (≥ 3 steps and ≥ min(max(2 s, seconds/10), 5 s), after the first step's compilation),
    then `repeats` windows of ≥ `seconds`; `step()` runs one step to completion."""
    step()  # compiles (JAX) or allocates
    warm_up = min(max(2.0, seconds / 10), 5.0)
    t0, n = time.monotonic(), 0
    while n < 3 or time.monotonic() - t0 < warm_up:
        step()
        n += 1
    rates, cpu = [], []
    for _ in range(repeats):
        start, c0, k = time.monotonic(), time.process_time(), 0
        while time.monotonic() - start < seconds:
            step()
            k += 1
        wall = time.monotonic() - start
        rates.append(k / wall)
        cpu.append((time.process_time() - c0) / wall)
    return rates, cpu


def main(framework, build, versions):
    """Command line of a peer script. `build(config, threads)` returns a function running one step;
    `versions()` a dict of library versions."""
    parser = argparse.ArgumentParser(description=f"GAN training benchmark in {framework}")
    parser.add_argument("--config", default=",".join(CONFIGS))
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("CONFIG", "THREADS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        config, threads = args.child[0], int(args.child[1])
        step = build(config, threads)
        rates, cpu = measure(step, args.seconds, args.repeats)
        median = sorted(range(len(rates)), key=rates.__getitem__)[len(rates) // 2]
        flops = flops_per_step(config)
        print(json.dumps({
            "config": config, "framework": framework, "threads": threads, "steps_per_s": rates[median],
            "gflops": rates[median] * flops * 1e-9, "peak_rss_mb": peak_rss_mb(), "repeats": rates,
            "cpu_per_wall": cpu[median], "flops_per_step": flops, "versions": versions()}), flush=True)
        return
    for config in args.config.split(","):
        if config not in CONFIGS:
            sys.exit(f"unknown configuration {config}; known: {', '.join(CONFIGS)}")
        for threads in [int(t) for t in args.threads.split(",")]:
            command = [sys.executable, sys.argv[0], "--child", config, str(threads),
                       "--seconds", str(args.seconds), "--repeats", str(args.repeats)]
            result = subprocess.run(command, env=thread_environment(threads), stdout=subprocess.PIPE, text=True,
                                    preexec_fn=pin_to(threads))
            lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
            if result.returncode != 0 or not lines:
                print(f"# {framework} {config} {threads} threads failed (status {result.returncode})",
                      file=sys.stderr, flush=True)
                continue
            print(lines[-1], flush=True)
