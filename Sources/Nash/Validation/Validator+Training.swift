extension Validator {
    mutating func checkTraining() {
        let training = scenario.training
        switch training.length {
        case .steps(let count):
            atLeast(1, count, "training", "steps")
        case .epochs(let count):
            atLeast(1, count, "training", "epochs")
            if !hasFiniteData { fail("training", "epochs need a finite data set (add .finite(n) to the dataset, or read a file)") }
        }
        atLeast(1, training.batchSize, "training", "batch size")
        if let size = declaredDatasetSize, training.batchSize > size, size >= 1 {
            fail("training", "batch size \(training.batchSize) exceeds the data set's \(size) points")
        }
        checkRound()
        checkOptimizer(training.generatorOptimizer, .generator)
        checkOptimizer(training.discriminatorOptimizer, .discriminator)
        atLeast(0, training.unrolledSteps, "training", "unrolled steps")
        if training.unrolledSteps > 0, !training.updates.isEmpty,
           !training.updates.contains(where: { $0.target == .generator }) {
            fail("training", "unrolling needs a separate generator update; the round has only simultaneous and discriminator updates")
        }
    }

    mutating func checkRound() {
        let updates = scenario.training.updates
        guard !updates.isEmpty else {
            fail("round", "is empty: no updates (add Update(.discriminator, …) and Update(.generator, …))")
            return
        }
        if !updates.contains(where: { $0.target != .discriminator }) { fail("round", "never updates the generator") }
        if !updates.contains(where: { $0.target != .generator }) { fail("round", "never updates the discriminator") }
        for (index, update) in updates.enumerated() {
            let component = "round entry \(index) (\(update.target.rawValue))"
            switch update.repetition {
            case .steps(let count):
                if count < 1 { fail(component, "must take at least 1 step, got \(count)") }
            case .epochs(let count):
                if count < 1 { fail(component, "must take at least 1 epoch, got \(count)") }
                if !hasFiniteData { fail(component, "epochs need a finite data set (add .finite(n) to the dataset, or read a file)") }
            }
        }
    }

    mutating func checkOptimizer(_ optimizer: Optimizer?, _ player: Player) {
        let component = "\(player.rawValue) optimizer"
        guard let optimizer else {
            fail(component, "none given (add with: to an Update of the \(player.rawValue), or Optimize(.\(player.rawValue), with: …))")
            return
        }
        positive(optimizer.learningRate, component, "learning rate")
        switch optimizer.method {
        case .sgd:
            break
        case .momentum(let momentum, _):
            unitInterval(momentum, component, "momentum")
        case .adam(let beta1, let beta2, let epsilon):
            unitInterval(beta1, component, "beta1")
            unitInterval(beta2, component, "beta2")
            positive(epsilon, component, "epsilon")
        case .rmsprop(let decay, let epsilon):
            unitInterval(decay, component, "decay")
            positive(epsilon, component, "epsilon")
        }
        switch optimizer.schedule {
        case .constant:
            break
        case .linear(let final), .cosine(let final):
            if !(final >= 0 && final <= 1) { fail(component, "learning-rate schedule: final factor must be in [0, 1], got \(format(final))") }
        case .step(let every, let factor):
            atLeast(1, every, component, "learning-rate schedule: step interval")
            if !(factor > 0 && factor <= 1) { fail(component, "learning-rate schedule: factor must be in (0, 1], got \(format(factor))") }
        }
    }
}
