import Foundation
import Nash
import NashStore
import NashTraining
import Testing

/// The Dirac-GAN of Mescheder et al. 2018 (arXiv:1801.04406, §2): real data is the point 0, G is one
/// learnable constant θ, D(x) = ψ·x is linear without bias; the unique equilibrium is (θ, ψ) = (0, 0).
/// Plain gradient descent, simultaneous or alternating, does not converge to it (the linearised
/// dynamics rotate around it); R1 and instance noise make it converge (their Theorems 4.1 and §3.2).
/// The test reads (θ, ψ) from the run's recorded trajectory.
@Suite struct DiracGANTests {
    enum Schedule: String, CaseIterable { case simultaneous, alternating }

    static func scenario(_ name: String, _ schedule: Schedule,
                         @ScenarioBuilder _ extra: () -> [any ScenarioComponent] = { [] }) -> Scenario {
        Scenario("dirac-\(name)-\(schedule.rawValue)") {
            Dataset.dirac([0])
            Latent.normal(1)
            Generator { LearnableConstant(1, init: .constant(1)) }
            Discriminator { Dense(1, bias: false, init: .constant(1)) }
            // NB: the paper's objective f(ψθ) + f(0) with f(t) = −log(1 + e^(−t)) is the minimax loss;
            // under the non-saturating loss ‖(θ, ψ)‖ already shrinks in continuous time.
            Loss.minimax
            Train(steps: 400, batch: 64) {
                switch schedule {
                case .simultaneous: Simultaneous(generator: .sgd(lr: 0.1), discriminator: .sgd(lr: 0.1))
                case .alternating:
                    Update(.discriminator, with: .sgd(lr: 0.1))
                    Update(.generator, with: .sgd(lr: 0.1))
                }
            }
            Record { Curves(every: 50); Trajectory(every: 10) }
            extra()
        }
    }

    /// ‖(θ, ψ)‖ at every trajectory step.
    static func distances(_ scenario: Scenario) throws -> [Double] {
        let (record, outcome) = try RunnerSupport.record(scenario)
        #expect(outcome.status == .complete)
        return record.trajectory.map { entry in
            let theta = Double(entry.generator.first { $0.name == "constant0/value" }!.values[0])
            let psi = Double(entry.discriminator.first { $0.name == "dense0/weight" }!.values[0])
            return (theta * theta + psi * psi).squareRoot()
        }
    }

    /// Mean distance over the last quarter of the run, relative to the start (√2).
    static func finalRatio(_ d: [Double]) -> Double {
        let tail = d.suffix(d.count / 4)
        return tail.reduce(0, +) / Double(tail.count) / d[0]
    }

    @Test(arguments: Schedule.allCases)
    func unregularisedDoesNotConverge(_ schedule: Schedule) throws {
        let d = try Self.distances(Self.scenario("plain", schedule))
        #expect(abs(d[0] - 2.0.squareRoot()) < 1e-6)
        #expect(d.count == 41)
        // Never closer to the equilibrium than 90% of where it started.
        #expect(d.min()! > 0.9 * d[0], "min distance \(d.min()!)")
        #expect(Self.finalRatio(d) > 0.95)
    }

    @Test(arguments: Schedule.allCases)
    func r1Converges(_ schedule: Schedule) throws {
        let d = try Self.distances(Self.scenario("r1", schedule) { Penalty.r1(gamma: 1) })
        // Shrinks by at least a factor of 100.
        #expect(Self.finalRatio(d) < 0.01, "ratio \(Self.finalRatio(d))")
    }

    @Test(arguments: Schedule.allCases)
    func instanceNoiseConverges(_ schedule: Schedule) throws {
        let d = try Self.distances(Self.scenario("noise", schedule) { InstanceNoise(std: 1) })
        // Shrinks by at least a factor of 5 (what remains is the noise's own jitter around (0, 0)).
        #expect(Self.finalRatio(d) < 0.2, "ratio \(Self.finalRatio(d))")
    }
}
