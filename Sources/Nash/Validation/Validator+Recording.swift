extension Validator {
    mutating func checkRecording() {
        let recording = scenario.recording
        atLeast(1, recording.curvesEvery, "recording", "curve cadence")
        if let evaluation = recording.evaluation {
            atLeast(1, evaluation.every, "recording", "evaluation cadence")
            atLeast(1, evaluation.samples, "recording", "evaluation sample count")
            if evaluation.metrics.isEmpty { fail("recording", "evaluation lists no metrics") }
            var seen = Set<Metric>(), reported = Set<Metric>()
            for metric in evaluation.metrics where !seen.insert(metric).inserted && reported.insert(metric).inserted {
                fail("recording", "evaluation lists '\(metric.rawValue)' more than once")
            }
            if let source = scenario.data?.source, source.modes == nil {
                for metric in Metric.allCases where seen.contains(metric) && metric.needsModes {
                    fail("recording", "metric '\(metric.rawValue)' needs a data set with modes (ring, grid, 1-D mixture, dirac, bars and stripes), not \(source.kindName)")
                }
            }
        }
        if let samples = recording.samples {
            atLeast(1, samples.count, "recording", "sample snapshot count")
            atLeast(1, samples.every, "recording", "sample snapshot cadence")
        }
        if let every = recording.checkpointEvery { atLeast(1, every, "recording", "checkpoint cadence") }
        if let every = recording.trajectoryEvery {
            atLeast(1, every, "recording", "trajectory cadence")
            checkTrajectorySize()
        }
        if let metric = recording.bestCheckpoint { checkBestCheckpoint(metric, recording) }
    }

    mutating func checkTrajectorySize() {
        guard let latent = scenario.latent, latent.dimension >= 1, let dataShape = validDataShape,
              let generator = try? scenario.generator.parameterCount(input: [latent.dimension]),
              let discriminator = try? scenario.discriminator.parameterCount(input: dataShape) else { return }
        let total = generator + discriminator
        if total > Recording.trajectoryParameterLimit {
            fail("recording", "trajectories are for tiny models: G and D have \(total) parameters together, the limit is \(Recording.trajectoryParameterLimit)")
        }
    }

    mutating func checkBestCheckpoint(_ metric: Metric, _ recording: Recording) {
        guard let evaluation = recording.evaluation, evaluation.metrics.contains(metric) else {
            fail("recording", "best-checkpoint metric '\(metric.rawValue)' is not evaluated (add it to Evaluate)")
            return
        }
        guard let checkpointEvery = recording.checkpointEvery else {
            fail("recording", "choosing a best checkpoint needs checkpoints (add Checkpoint(every:))")
            return
        }
        if checkpointEvery >= 1, evaluation.every >= 1, checkpointEvery % evaluation.every != 0 {
            fail("recording", "checkpoint cadence \(checkpointEvery) is not a multiple of the evaluation cadence \(evaluation.every), so some checkpoints would have no score")
        }
    }
}
