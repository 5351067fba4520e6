/// Collects the problems of one scenario. The checks live in the `Validator+…` files by topic.
struct Validator {
    let scenario: Scenario
    var errors: [ValidationError] = []

    init(_ scenario: Scenario) { self.scenario = scenario }

    mutating func fail(_ component: String, _ message: String) {
        errors.append(ValidationError(scenario: scenario.name, component: component, message: message))
    }

    // MARK: Range checks shared by the topics

    mutating func atLeast(_ minimum: Int, _ value: Int, _ component: String, _ what: String) {
        if value < minimum { fail(component, "\(what) must be at least \(minimum), got \(value)") }
    }

    mutating func positive(_ value: Double, _ component: String, _ what: String) {
        if !(value.isFinite && value > 0) { fail(component, "\(what) must be positive and finite, got \(format(value))") }
    }

    mutating func nonNegative(_ value: Double, _ component: String, _ what: String) {
        if !(value.isFinite && value >= 0) { fail(component, "\(what) must be finite and non-negative, got \(format(value))") }
    }

    mutating func finite(_ value: Double, _ component: String, _ what: String) {
        if !value.isFinite { fail(component, "\(what) must be finite, got \(format(value))") }
    }

    /// In [0, 1), the range of a decay rate or momentum.
    mutating func unitInterval(_ value: Double, _ component: String, _ what: String) {
        if !(value >= 0 && value < 1) { fail(component, "\(what) must be in [0, 1), got \(format(value))") }
    }

    mutating func schedule(_ schedule: ValueSchedule, _ component: String, _ what: String) {
        switch schedule {
        case .constant(let value):
            nonNegative(value, component, what)
        case .linear(let from, let to, let steps):
            nonNegative(from, component, "\(what) schedule start")
            nonNegative(to, component, "\(what) schedule end")
            atLeast(1, steps, component, "\(what) schedule length")
        case .exponential(let from, let to, let steps):
            positive(from, component, "\(what) schedule start")
            positive(to, component, "\(what) schedule end")
            atLeast(1, steps, component, "\(what) schedule length")
        }
    }
}

/// A Double as messages show it: the canonical JSON form, or `inf`/`nan`.
func format(_ value: Double) -> String { (try? CanonicalNumber.format(value)) ?? "\(value)" }

extension Scenario {
    /// Every problem that would stop or spoil training, each naming this scenario and the part at
    /// fault. Empty means the runner may start. The checks: name, data, latent, both networks and their
    /// shapes against the data, the loss against D's last layer, regularisers, the schedule and
    /// optimisers, recording and seeds.
    public func validate() -> [ValidationError] {
        var validator = Validator(self)
        validator.checkName()
        validator.checkData()
        validator.checkLatent()
        validator.checkNetworks()
        validator.checkLoss()
        validator.checkRegularizers()
        validator.checkTraining()
        validator.checkRecording()
        validator.checkSeeds()
        return validator.errors
    }
}

extension Validator {
    mutating func checkName() {
        let name = scenario.name
        guard !name.isEmpty else { fail("name", "is empty"); return }
        if !isValidName(name) {
            fail("name", "'\(name)' may contain only letters, digits, '.', '_' and '-', with '/' between a base and its variant")
        }
    }

    mutating func checkSeeds() {
        if scenario.seeds.isEmpty { fail("seeds", "no seeds (add Seeds(1...5) or Seed(1))") }
        var seen = Set<UInt64>(), reported = Set<UInt64>()
        for seed in scenario.seeds where !seen.insert(seed).inserted && reported.insert(seed).inserted {
            fail("seeds", "seed \(seed) appears more than once")
        }
    }
}

/// Letters, digits, `.`, `_`, `-` in non-empty parts separated by `/`; no part is `.` or `..`.
func isValidName(_ name: String) -> Bool {
    let parts = name.split(separator: "/", omittingEmptySubsequences: false)
    return parts.allSatisfy { part in
        !part.isEmpty && part != "." && part != ".." && part.unicodeScalars.allSatisfy { scalar in
            (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))) || "._-".unicodeScalars.contains(scalar)
        }
    }
}
