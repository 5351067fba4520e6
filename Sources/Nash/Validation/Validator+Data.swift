extension Validator {
    mutating func checkData() {
        guard let data = scenario.data else {
            fail("data", "no dataset declared (add one, e.g. Dataset.ring(modes: 8, radius: 2, std: 0.02))")
            return
        }
        switch data.source {
        case .ring(let modes, let radius, let std):
            atLeast(1, modes, "data", "ring modes")
            nonNegative(radius, "data", "ring radius")
            nonNegative(std, "data", "ring std")
        case .grid(let side, let spacing, let std):
            atLeast(1, side, "data", "grid side")
            positive(spacing, "data", "grid spacing")
            nonNegative(std, "data", "grid std")
        case .spiral(let turns, let radius, let noise):
            positive(turns, "data", "spiral turns")
            positive(radius, "data", "spiral radius")
            nonNegative(noise, "data", "spiral noise")
        case .swissRoll(let noise, let scale):
            nonNegative(noise, "data", "swiss roll noise")
            positive(scale, "data", "swiss roll scale")
        case .twoMoons(let noise):
            nonNegative(noise, "data", "two moons noise")
        case .dirac(let point):
            if point.isEmpty { fail("data", "dirac point must have at least one coordinate") }
            for value in point { finite(value, "data", "dirac coordinate") }
        case .mixture1D(let components):
            if components.isEmpty { fail("data", "1-D mixture has no components") }
            for (index, component) in components.enumerated() {
                finite(component.mean, "data", "1-D mixture component \(index) mean")
                nonNegative(component.std, "data", "1-D mixture component \(index) std")
                positive(component.weight, "data", "1-D mixture component \(index) weight")
            }
        case .file(let path, let dataset, let shape, let sha256):
            if path.isEmpty { fail("data", "file path is empty") }
            if dataset.isEmpty { fail("data", "HDF5 dataset name is empty") }
            if let shape, shape.isEmpty || shape.contains(where: { $0 < 1 }) {
                fail("data", "declared shape \(describe(shape)) must have positive sizes")
            }
            if let sha256, sha256.count != 64 || !sha256.allSatisfy({ "0123456789abcdef".contains($0) }) {
                fail("data", "sha256 must be 64 lower-case hex digits, got '\(sha256)'")
            }
            if data.size != nil { fail("data", "a file data set is finite already; remove .finite(…)") }
        case .images(let set):
            switch set {
            case .barsAndStripes(let side, let noise):
                if side < 1 || side > 16 { fail("data", "bars and stripes side must be in 1...16, got \(side)") }
                nonNegative(noise, "data", "bars and stripes noise")
            }
        }
        if let size = data.size { atLeast(1, size, "data", "finite data set size") }
    }

    mutating func checkLatent() {
        guard let latent = scenario.latent else {
            fail("latent", "no latent distribution declared (add one, e.g. Latent.normal(2))")
            return
        }
        atLeast(1, latent.dimension, "latent", "dimension")
    }

    /// The number of points of a finite data set when the scenario states it, else nil.
    var declaredDatasetSize: Int? { scenario.data?.size }

    /// True when the data set is finite (a declared size, or a file).
    var hasFiniteData: Bool {
        guard let data = scenario.data else { return false }
        if case .file = data.source { return true }
        return data.size != nil
    }
}
