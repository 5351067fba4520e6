import NashTraining
import Testing

@Test func accuracyFromLogitsCountsTiesAsHalf() {
    // Real: 2 ✓, −1 ✗, 0 ½, 3 ✓ → 2.5/4. Fake: −2 ✓, 1 ✗, −0.5 ✓ → 2/3. Overall 4.5/7.
    let a = DiscriminatorAccuracy(realOutputs: [2, -1, 0, 3], fakeOutputs: [-2, 1, -0.5], rule: .logit)
    #expect(a.real == 0.625)
    #expect(a.fake == 2.0 / 3.0)
    #expect(a.overall == 4.5 / 7)
    #expect(a.recorded == ["D/accuracy": 4.5 / 7, "D/accuracy_real": 0.625, "D/accuracy_fake": 2.0 / 3.0])
}

@Test func undecidedDiscriminatorScoresExactlyFiftyPercent() {
    let a = DiscriminatorAccuracy(realOutputs: [0.5, 0.5], fakeOutputs: [0.5, 0.5, 0.5], rule: .probability)
    #expect(a.real == 0.5 && a.fake == 0.5 && a.overall == 0.5)
}

@Test func accuracyWithProbabilitiesAndExplicitThresholds() {
    let p = DiscriminatorAccuracy(realOutputs: [0.9, 0.4], fakeOutputs: [0.1, 0.2, 0.7, 0.3], rule: .probability)
    #expect(p.real == 0.5 && p.fake == 0.75 && p.overall == 4.0 / 6.0)
    // Least squares: targets 1 and 0, threshold 0.5; NaN counts as wrong on both sides.
    let ls = DiscriminatorAccuracy(realOutputs: [0.6, .nan], fakeOutputs: [0.4, .nan], rule: .threshold(0.5))
    #expect(ls.real == 0.5 && ls.fake == 0.5)
}

@Test func decisionRulePerLoss() {
    #expect(DecisionRule.forLoss(.minimax)?.threshold == 0)
    #expect(DecisionRule.forLoss(.nonSaturating) == .logit)
    #expect(DecisionRule.forLoss(.hinge)?.threshold == 0)
    #expect(DecisionRule.forLoss(.leastSquares)?.threshold == 0.5)
    #expect(DecisionRule.forLoss(.wasserstein) == nil)
}
