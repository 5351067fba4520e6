// A small persistent thread pool for the engine's kernels: one job at a time, indices claimed
// dynamically by the caller and up to threads - 1 workers.
//
// The job is published in a single 64-bit atomic word: generation (16 bits) | chunk count (16) |
// chunks claimed from the back (16) | chunks claimed from the front (16). The caller claims from
// the front (chunk f), workers from the back (chunk count - 1 - b), each with one fetch_add on the
// word; a claim is valid while front + back < count, which makes the two ends' claims disjoint and
// together complete. The value a claim gets back names the generation and the chunk, so a thread
// that lags behind can never run a chunk of one job with the function of another. The job's
// function and context sit in slot[gen & 1]: the caller rewrites a slot only for generation gen + 2,
// which it publishes after every chunk of gen has completed, so whoever holds a claimed chunk reads
// a stable slot.
//
// Why two ends. Kernels cut their outputs into consecutive chunks (rows of a batch, or the batch's
// k-blocks of a weight gradient), so with two threads the caller computes the first part of every
// product and elementwise pass of a step and the worker the last, and the rows a thread reads are
// mostly rows it wrote itself. When the host puts the two vCPUs on different core complexes (a
// cache line's round trip ~350 ns instead of ~60 ns; bench/README.md, "Near and far cores") every
// row that changes hands is a transfer through the fabric: `small-gp` on two threads ran 65 steps/s
// in such windows with one shared counter and 70 with two ends (near windows: 128 and 130). A late
// worker still leaves its chunks to the caller, so the balance stays dynamic.
//
// Waiting. After a job a worker spins (with `pause`) for SPIN_NS watching the word, then sleeps on
// its own condition variable; the caller signals only the workers it needs that are asleep. So
// back-to-back small kernels (the MLP hot loop) cost no system call, and an idle pool costs no CPU.
// SPIN_NS is 2 ms, not less: between a GAN step's parallel GEMMs the caller often runs 0.1-1 ms of
// serial work (graph bookkeeping, small ops), and a worker that fell asleep in such a gap costs a
// futex wake-up per job (~170 us median on the 2-vCPU host). With 100 us, two threads ran the
// `small` benchmark at 1.2x one thread, with 2 ms at 1.4x (bench/README.md).
#define _GNU_SOURCE
#include "nash_kernels.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

#define MAX_WORKERS 63
#define SPIN_NS 2000000L /* 2 ms */
#define FIELD_BITS 16
#define FIELD_MASK ((1ull << FIELD_BITS) - 1)
#define BACK_SHIFT FIELD_BITS
#define COUNT_SHIFT (2 * FIELD_BITS)
#define GEN_SHIFT (3 * FIELD_BITS)
#define GEN_MASK FIELD_MASK
/// At most this many chunks per job, leaving room in the front and back fields for the few failed
/// claims (one per thread per job) that push them past the count.
#define MAX_CHUNKS ((long)FIELD_MASK - 1024)

#define GEN(w) ((w) >> GEN_SHIFT)
#define COUNT(w) (((w) >> COUNT_SHIFT) & FIELD_MASK)
#define BACK(w) (((w) >> BACK_SHIFT) & FIELD_MASK)
#define FRONT(w) ((w) & FIELD_MASK)

typedef struct {
    nash_task_fn fn;
    void *context;
    long total; // indices
    long per;   // indices per chunk
} job;

typedef struct {
    pthread_t thread;
    pthread_mutex_t mutex;
    pthread_cond_t wake;
    atomic_int sleeping;
} worker;

static job slots[2];
static _Atomic uint64_t word;
static atomic_long done;         // chunks of the current job completed
static atomic_int participants;  // threads allowed to work on the current job, caller included
static pthread_mutex_t submit = PTHREAD_MUTEX_INITIALIZER; // one caller at a time
static worker workers[MAX_WORKERS];
static atomic_int alive;         // workers started (only grows)
static _Thread_local int inside; // this thread is a worker, or a caller running a job

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

/// Claims and runs chunks until the current job has none left, from the front (the caller) or from
/// the back (workers); returns the generation seen last.
static uint64_t run_chunks(int from_back) {
    const uint64_t step = from_back ? 1ull << BACK_SHIFT : 1;
    for (;;) {
        uint64_t old = atomic_fetch_add_explicit(&word, step, memory_order_acq_rel);
        if (FRONT(old) + BACK(old) >= COUNT(old)) return GEN(old);
        const job *j = &slots[GEN(old) & 1];
        long chunk = from_back ? (long)(COUNT(old) - 1 - BACK(old)) : (long)FRONT(old);
        long lo = chunk * j->per;
        long hi = lo + j->per < j->total ? lo + j->per : j->total;
        for (long i = lo; i < hi; i++) j->fn(j->context, i);
        atomic_fetch_add_explicit(&done, 1, memory_order_release);
    }
}

/// Waits until the word shows a generation other than `seen`: spins first when `spin`, then sleeps.
static void wait_for_job(worker *w, uint64_t seen, int spin) {
    if (spin) {
        long start = now_ns();
        for (int i = 1;; i++) {
            if (GEN(atomic_load_explicit(&word, memory_order_acquire)) != seen) return;
            cpu_relax();
            if ((i & 63) == 0 && now_ns() - start > SPIN_NS) break;
        }
    }
    pthread_mutex_lock(&w->mutex);
    atomic_store(&w->sleeping, 1);
    while (GEN(atomic_load(&word)) == seen) pthread_cond_wait(&w->wake, &w->mutex);
    atomic_store(&w->sleeping, 0);
    pthread_mutex_unlock(&w->mutex);
}

static void *worker_main(void *arg) {
    int id = (int)(intptr_t)arg;
    worker *w = &workers[id];
    inside = 1;
    uint64_t seen = GEN(atomic_load(&word));
    int spin = 0;
    for (;;) {
        wait_for_job(w, seen, spin);
        uint64_t current = GEN(atomic_load_explicit(&word, memory_order_acquire));
        if (id + 1 < atomic_load_explicit(&participants, memory_order_relaxed)) {
            seen = run_chunks(1);
            spin = 1;
        } else {
            seen = current; // not needed for this job: sleep until one that needs us
            spin = 0;
        }
    }
    return NULL;
}

/// Starts workers until `count` are alive. Called with `submit` held.
static void ensure_workers(int count) {
    if (count > MAX_WORKERS) count = MAX_WORKERS;
    int n = atomic_load(&alive);
    for (; n < count; n++) {
        worker *w = &workers[n];
        pthread_mutex_init(&w->mutex, NULL);
        pthread_cond_init(&w->wake, NULL);
        atomic_store(&w->sleeping, 0);
        if (pthread_create(&w->thread, NULL, worker_main, (void *)(intptr_t)n) != 0) break;
        pthread_detach(w->thread);
    }
    atomic_store(&alive, n);
}

int nash_parallel_worker_count(void) { return atomic_load(&alive); }

void nash_parallel_for(int threads, long count, nash_task_fn fn, void *context) {
    if (count <= 0) return;
    if (threads <= 1 || count == 1 || inside || pthread_mutex_trylock(&submit) != 0) {
        for (long i = 0; i < count; i++) fn(context, i);
        return;
    }
    ensure_workers(threads - 1);
    int helpers = atomic_load(&alive) < threads - 1 ? atomic_load(&alive) : threads - 1;

    long per = count > MAX_CHUNKS ? (count + MAX_CHUNKS - 1) / MAX_CHUNKS : 1;
    long chunks = (count + per - 1) / per;
    uint64_t gen = (GEN(atomic_load(&word)) + 1) & GEN_MASK;
    slots[gen & 1] = (job){fn, context, count, per};
    atomic_store_explicit(&done, 0, memory_order_relaxed);
    atomic_store_explicit(&participants, helpers + 1, memory_order_relaxed);
    atomic_store(&word, (gen << GEN_SHIFT) | ((uint64_t)chunks << COUNT_SHIFT));
    for (int i = 0; i < helpers; i++) {
        worker *w = &workers[i];
        if (atomic_load(&w->sleeping)) {
            pthread_mutex_lock(&w->mutex);
            pthread_cond_signal(&w->wake);
            pthread_mutex_unlock(&w->mutex);
        }
    }

    inside = 1;
    run_chunks(0);
    inside = 0;
    // Chunks claimed by workers may still be running.
    for (long i = 1; atomic_load_explicit(&done, memory_order_acquire) < chunks; i++) {
        if (i < 4096) cpu_relax();
        else sched_yield(); // a worker holding a chunk was descheduled: let it run
    }
    pthread_mutex_unlock(&submit);
}

// ---------------------------------------------------------------------------------------------------
// Core-to-core round trip (a measurement of the host, for the benchmarks)
// ---------------------------------------------------------------------------------------------------

static _Atomic long bounce __attribute__((aligned(64)));

typedef struct {
    long rounds;
    int cpu; // -1: do not pin
} bouncer;

#ifdef __linux__
/// Pins the calling thread to `cpu` (when >= 0); returns 0 on success.
static int pin_self(int cpu) {
    if (cpu < 0) return 0;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}
#endif

static void *bounce_back(void *arg) {
    const bouncer *b = arg;
#ifdef __linux__
    pin_self(b->cpu);
#endif
    for (long i = 0; i < b->rounds; i++) {
        while (atomic_load(&bounce) != 2 * i + 1) cpu_relax();
        atomic_store(&bounce, 2 * i + 2);
    }
    return NULL;
}

double nash_core_round_trip_ns(long rounds) {
    if (rounds <= 0) return 0;
    const long warm = 1000;
    bouncer b = {rounds + warm, -1};
#ifdef __linux__
    // The two threads on the first two CPUs this thread may use (the caller's own affinity is
    // restored afterwards): otherwise the new thread may start on the caller's CPU and the two
    // take turns, which measures the scheduler.
    cpu_set_t saved;
    int restore = pthread_getaffinity_np(pthread_self(), sizeof saved, &saved) == 0;
    int first = -1;
    if (restore) {
        for (int c = 0; c < CPU_SETSIZE; c++) {
            if (!CPU_ISSET(c, &saved)) continue;
            if (first < 0) first = c;
            else { b.cpu = c; break; }
        }
        if (b.cpu >= 0) pin_self(first);
    }
    // One CPU: the two threads would take turns, one time slice per round trip.
    if (b.cpu < 0) return -1;
#endif
    atomic_store(&bounce, 0);
    pthread_t other;
    double result = -1;
    if (pthread_create(&other, NULL, bounce_back, &b) == 0) {
        long start = 0;
        for (long i = 0; i < rounds + warm; i++) {
            if (i == warm) start = now_ns();
            atomic_store(&bounce, 2 * i + 1); // sequentially consistent, like the pool's claims
            while (atomic_load(&bounce) != 2 * i + 2) cpu_relax();
        }
        result = (double)(now_ns() - start) / (double)rounds;
        pthread_join(other, NULL);
    }
#ifdef __linux__
    if (restore && b.cpu >= 0) pthread_setaffinity_np(pthread_self(), sizeof saved, &saved);
#endif
    return result;
}
