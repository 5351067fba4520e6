import Foundation
import Nash
import NashEngine
import NashStore
import NashTraining
import Testing

/// The determinism contract of DESIGN.md §6 on a small ring GAN that records every kind of output.
@Suite(.serialized) struct DeterminismTests {
    @Test func sameScenarioAndSeedGiveTheSameDigest() throws {
        let scenario = RunnerSupport.ring("det-twice")
        let (a, outcome) = try RunnerSupport.record(scenario)
        let (b, _) = try RunnerSupport.record(scenario)
        #expect(outcome.status == .complete && outcome.roundsCompleted == 30)
        #expect(a.digest() == b.digest())
        // Everything was recorded: curves at rounds 0, 3, …, 27 and the last (labels r + 1), state at 0, 10, 20, 30.
        #expect(a.curves.steps == [1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 30])
        #expect(a.evals.steps == [0, 10, 20, 30] && a.sampleSteps == [0, 10, 20, 30])
        #expect(a.trajectorySteps == [0, 5, 10, 15, 20, 25, 30])
        #expect(a.checkpoints.map(\.step) == [10, 20, 30])
        #expect(a.reference?.shape == [64, 2] && a.sampleLatents?.shape == [16, 2])
        #expect(a.samples.allSatisfy { $0.shape == [16, 2] })
        #expect(a.status == .complete && a.diagnosisJSON != nil)
    }

    @Test func threadCountDoesNotChangeTheDigest() throws {
        let scenario = RunnerSupport.ring("det-threads")
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        Parallel.threadCount = 1
        let (one, _) = try RunnerSupport.record(scenario)
        Parallel.threadCount = 2
        let (two, _) = try RunnerSupport.record(scenario)
        #expect(one.digest() == two.digest())
    }

    /// The AVX-512 and the AVX2 GEMM kernel give the same digest (one arithmetic, "avx2-fma", recorded
    /// in both headers), on a GAN wide and deep enough for full 12 x 32 AVX-512 tiles, edge tiles,
    /// the narrow path (n = 1, 2) and two k-blocks (k = 300). The default kernel is process-wide: the
    /// other suites may run meanwhile, and forcing AVX2 cannot change their bits (that is the claim
    /// under test); Parallel.threadCount is restored the same way by the test above.
    @Test(.enabled(if: Gemm.Kernel.avx512.isAvailable, "needs AVX-512"))
    func avx2AndAVX512KernelsGiveTheSameDigest() throws {
        let scenario = Scenario("det-kernels") {
            Dataset.ring(modes: 8, radius: 2, std: 0.02)
            Latent.normal(2)
            Generator { Dense(300, .tanh); Dense(40, .tanh); Dense(2) }
            Discriminator { Dense(300, .tanh); Dense(33, .tanh); Dense(1) }
            Loss.nonSaturating
            Train(steps: 12, batch: 50) {
                Update(.discriminator, times: 2, with: .adam(lr: 1e-3, beta1: 0.5))
                Update(.generator, with: .adam(lr: 1e-3, beta1: 0.5))
            }
            Record {
                Curves(every: 1)
                Checkpoint(every: 6)
            }
        }
        let saved = Gemm.defaultKernel
        defer { Gemm.defaultKernel = saved }
        Gemm.defaultKernel = .avx512
        #expect(Gemm.kernelName == "avx512")
        let (avx512Run, _) = try RunnerSupport.record(scenario)
        Gemm.defaultKernel = .avx2FMA
        #expect(Gemm.kernelName == "avx2-fma")
        let (avx2Run, outcome) = try RunnerSupport.record(scenario)
        #expect(outcome.status == .complete && outcome.roundsCompleted == 12)
        #expect(avx512Run.digest() == avx2Run.digest())
        #expect(avx512Run.curves == avx2Run.curves)
        #expect(try RunnerSupport.runner(scenario).header.kernel == "avx2-fma")
    }

    @Test func aDifferentSeedGivesADifferentDigest() throws {
        let scenario = RunnerSupport.ring("det-seed", rounds: 5)
        let (a, _) = try RunnerSupport.record(scenario, seed: 1)
        let (b, _) = try RunnerSupport.record(scenario, seed: 2)
        #expect(a.digest() != b.digest())
        #expect(a.checkpoints.last!.generator != b.checkpoints.last!.generator)
    }

    /// Stop after round 25, keep what a run file keeps up to its last checkpoint (20), resume from that
    /// checkpoint into the same record: the result is the uninterrupted run, digest for digest.
    @Test func resumeFromACheckpointContinuesBitIdentically() throws {
        let scenario = RunnerSupport.ring("det-resume", rounds: 40) { InstanceNoise(.annealed(from: 0.1, over: 40)); SpectralNorm() }
        let (full, _) = try RunnerSupport.record(scenario)
        let (record, stopped) = try RunnerSupport.record(scenario, stopAfterRound: 25)
        #expect(stopped.status == .interrupted && stopped.roundsCompleted == 25 && record.status == .interrupted)
        RunnerSupport.discard(record, after: 20)
        let checkpoint = try #require(record.checkpoints.last)
        #expect(checkpoint.step == 20)
        #expect(checkpoint.optimizer.contains { $0.name == "spectral/dense3/weight/u" })
        let resumed = try RunnerSupport.runner(scenario).run(recorder: record, resumingFrom: checkpoint, history: record)
        #expect(resumed.status == .complete && resumed.roundsCompleted == 40)
        #expect(record.digest() == full.digest())
        #expect(record.curves == full.curves)
    }

    @Test func unrolledWithZeroStepsIsThePlainRun() throws {
        let (plain, _) = try RunnerSupport.record(RunnerSupport.ring("det-plain", rounds: 10))
        let (zero, _) = try RunnerSupport.record(RunnerSupport.ring("det-unrolled0", rounds: 10, unrolled: 0))
        let (five, _) = try RunnerSupport.record(RunnerSupport.ring("det-unrolled5", rounds: 10, unrolled: 5))
        #expect(plain.digest() == zero.digest())
        #expect(five.digest() != plain.digest())
        // D's own updates are the same until G differs: the first curve row's D loss is shared.
        #expect(five.curves.values["loss/D"]![0] == plain.curves.values["loss/D"]![0])
    }

    @Test func headerNamesSpecKernelAndVersion() throws {
        let scenario = RunnerSupport.ring("det-header", rounds: 2)
        let runner = try RunnerSupport.runner(scenario, seed: 7)
        #expect(runner.header.specJSON == (try scenario.canonicalJSON()))
        #expect(runner.header.specHash == (try scenario.specHash()))
        #expect(runner.header.kernel == Gemm.arithmetic.rawValue && runner.header.nashVersion == NashVersion.string)
        #expect(runner.header.seed == 7 && runner.header.totalSteps == 2 && runner.totalRounds == 2)
    }
}
