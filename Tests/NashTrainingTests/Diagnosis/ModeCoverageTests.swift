import Foundation
import NashTraining
import Testing

/// Healthy histograms for the first three evaluations, then `late(j)` for evaluation j ≥ 3.
func histograms(_ late: (Int) -> [Int]) -> [[Int]] {
    let healthy = ConstructedRun.healthyHistograms()
    return (0..<ConstructedRun.evaluations).map { $0 < 3 ? healthy[$0] : late($0) }
}

/// 2,300 high-quality samples spread evenly over the first `modes` modes of the 8-ring.
func spread(over modes: Int) -> [Int] {
    (0..<8).map { $0 < modes ? 2_300 / modes : 0 }
}

@Test func oneModeForTheWholeRunIsModeCollapse() throws {
    let findings = Diagnosis.findings(for: ConstructedRun.input(histograms: histograms { _ in [0, 0, 0, 2_300, 0, 0, 0, 0] }))
    #expect(findings.map(\.kind) == [.modeCollapse], "\(findings.map(\.summary))")
    let f = try #require(findings.first)
    #expect(f.firstStep == 300 && f.lastStep == 3_900)
    #expect(f.evidence["mode_count"] == 8 && f.evidence["modes:max"] == 1 && f.evidence["evaluations"] == 37)
    #expect(abs(f.evidence["reverse_kl:mean"]! - log(8.0)) < 1e-12)
    #expect(abs(f.evidence["effective_modes"]! - 1) < 1e-12)
    #expect(abs(f.evidence["high_quality:mean"]! - 0.92) < 1e-12)
    #expect(f.summary == "G covered at most 1 of 8 modes (mean 1) over 37 evaluations, 92% of samples high quality: mode collapse.")
}

@Test func collapseThresholdIsHalfTheModes() {
    let four = Diagnosis.findings(for: ConstructedRun.input(histograms: histograms { _ in spread(over: 4) }))
    #expect(four.map(\.kind) == [.modeCollapse])
    let five = Diagnosis.findings(for: ConstructedRun.input(histograms: histograms { _ in spread(over: 5) }))
    #expect(five == [])
}

@Test func straySamplesOnOtherModesDoNotHideCollapse() throws {
    // 2,200 samples on mode 0 and 20 on each of five others: 6 modes "captured", but the histogram's
    // perplexity exp(H(q)) is e^0.249 = 1.28 modes, below K/2.
    let findings = Diagnosis.findings(for: ConstructedRun.input(histograms: histograms { _ in [2_200, 20, 20, 20, 20, 20, 0, 0] }))
    #expect(findings.map(\.kind) == [.modeCollapse])
    let f = try #require(findings.first)
    #expect(f.evidence["modes:max"] == 6)
    let q = [2_200.0 / 2_300] + Array(repeating: 20.0 / 2_300, count: 5)
    #expect(abs(f.evidence["effective_modes"]! - exp(-q.map { $0 * log($0) }.reduce(0, +))) < 1e-9)
    #expect(f.summary.hasPrefix("G put its mass on 1.28 effective modes of 8 (at most 6 captured)"))
}

@Test func modesMissedByALowQualityBlobAreNotCollapse() {
    // One mode, but only 10% of samples high quality: G has not learned the data's scale yet.
    let findings = Diagnosis.findings(for: ConstructedRun.input(histograms: histograms { _ in [250, 0, 0, 0, 0, 0, 0, 0] }))
    #expect(findings == [])
}

@Test func rotatingDominantModeIsModeHopping() throws {
    // From evaluation 3, G sits on mode d = ⌊(j − 3)/3⌋ mod 8 (2,200 samples) with a few on the next one:
    // the dominant mode changes at j = 6, 9, …, 39, twelve times, through all 8 modes.
    let input = ConstructedRun.input(histograms: histograms { j in
        let d = (j - 3) / 3 % 8
        return (0..<8).map { $0 == d ? 2_200 : ($0 == (d + 1) % 8 ? 100 : 0) }
    })
    let findings = Diagnosis.findings(for: input)
    #expect(findings.map(\.kind) == [.modeCollapse, .modeHopping], "\(findings.map(\.summary))")
    let hopping = try #require(findings.last)
    #expect(hopping.firstStep == 500 && hopping.lastStep == 3_900)
    #expect(hopping.evidence == ["hops": 12, "distinct_dominant_modes": 8, "mode_count": 8, "modes:mean": 2, "modes:max": 2])
    #expect(hopping.summary == "The dominant mode changed 12 times, visiting 8 modes, while G covered at most 2 of 8: mode hopping.")
    // Without histograms, the dominant_mode series alone gives the same hops.
    var bare = input
    bare.modeHistograms = []
    #expect(Diagnosis.findings(for: bare).last == hopping)
}

@Test func twoBalancedModesSwappingTheLeadAreNotModeHopping() {
    // Collapse onto modes 0 and 1 with near-equal counts whose lead alternates by sampling noise.
    let findings = Diagnosis.findings(for: ConstructedRun.input(histograms: histograms { j in
        j % 2 == 0 ? [1_160, 1_140, 0, 0, 0, 0, 0, 0] : [1_140, 1_160, 0, 0, 0, 0, 0, 0]
    }))
    #expect(findings.map(\.kind) == [.modeCollapse])
}

@Test func oneMoveToAnotherModeIsNotModeHopping() {
    let findings = Diagnosis.findings(for: ConstructedRun.input(histograms: histograms { j in
        j < 20 ? [2_300, 0, 0, 0, 0, 0, 0, 0] : [0, 0, 0, 0, 2_300, 0, 0, 0]
    }))
    #expect(findings.map(\.kind) == [.modeCollapse])
}
