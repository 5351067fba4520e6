import Foundation

/// How the RBF kernel's bandwidth σ is chosen for ``SampleDistance/mmdSquared(_:_:dimension:bandwidth:)``.
public enum KernelBandwidth: Codable, Equatable, Sendable {
    /// A fixed σ > 0, in data units.
    case fixed(Double)
    /// The median heuristic: σ = the median Euclidean distance between distinct points of the pooled
    /// sample x ∪ y (Gretton et al. 2012, JMLR 13:723, §8; analysed by Garreau et al. 2017,
    /// arXiv:1707.07269). See ``SampleDistance/medianPairwiseDistance(_:dimension:limit:)``.
    case pooledMedian
}

/// The result of an MMD estimate: the value and the bandwidth it was computed with.
public struct MMDEstimate: Codable, Equatable, Sendable {
    /// The unbiased estimate of MMD²; can be slightly negative when the distributions agree.
    public let squared: Double
    /// The σ of the kernel exp(−‖a − b‖² / (2σ²)) that was used.
    public let bandwidth: Double
}

/// Two-sample distances between generated samples x and a fixed real sample y, both flat row-major
/// `[n, dimension]` arrays of Float64. Cost O((m + n)²·dimension); 2,500 against 2,500 points in 2-D takes
/// a fraction of a second.
public enum SampleDistance {
    /// At most this many pooled points enter the median heuristic (an even stride through x then y):
    /// 1,000 points give 499,500 distances, plenty for a median, at a bounded cost.
    public static let medianHeuristicLimit = 1_000

    /// Unbiased MMD² with the Gaussian (RBF) kernel k(a, b) = exp(−‖a − b‖² / (2σ²))
    /// (Gretton et al. 2012, "A Kernel Two-Sample Test", JMLR 13:723, eq. 3):
    ///
    ///   MMD²_u = 1/(m(m−1)) Σ_{i≠j} k(x_i, x_j) + 1/(n(n−1)) Σ_{i≠j} k(y_i, y_j) − 2/(mn) Σ_{i,j} k(x_i, y_j).
    ///
    /// Its expectation is the population MMD², which is 0 iff the distributions are equal (the RBF kernel
    /// is characteristic). Being unbiased, it fluctuates around 0 for equal distributions: for x = y it is
    /// exactly −(2/m)·(1 − mean off-diagonal k) ∈ [−2/m, 0]. Requires m, n ≥ 2.
    ///
    /// NB: with ``KernelBandwidth/pooledMedian`` σ changes from one evaluation to the next. To compare MMD
    /// over a run, compute σ once from the real sample (``medianPairwiseDistance(_:dimension:limit:)``)
    /// and pass ``KernelBandwidth/fixed(_:)``.
    public static func mmdSquared(_ x: [Double], _ y: [Double], dimension: Int,
                                  bandwidth: KernelBandwidth) -> MMDEstimate {
        let m = pointCount(x, dimension, "x"), n = pointCount(y, dimension, "y")
        precondition(m >= 2 && n >= 2, "SampleDistance.mmdSquared: needs at least 2 points in each sample")
        let sigma: Double
        switch bandwidth {
        case .fixed(let s):
            precondition(s > 0 && s.isFinite, "SampleDistance.mmdSquared: σ must be positive, got \(s)")
            sigma = s
        case .pooledMedian:
            sigma = medianPairwiseDistance(x + y, dimension: dimension, limit: medianHeuristicLimit)
        }
        let gamma = 1 / (2 * sigma * sigma)
        let kxx = 2 * pairSum(x, x, dimension, symmetric: true) { exp(-gamma * $0) }
        let kyy = 2 * pairSum(y, y, dimension, symmetric: true) { exp(-gamma * $0) }
        let kxy = pairSum(x, y, dimension, symmetric: false) { exp(-gamma * $0) }
        let dm = Double(m), dn = Double(n)
        let value = kxx / (dm * (dm - 1)) + kyy / (dn * (dn - 1)) - 2 * kxy / (dm * dn)
        return MMDEstimate(squared: value, bandwidth: sigma)
    }

    /// Energy distance (Székely & Rizzo 2013, "Energy statistics: a class of statistics based on
    /// distances", J. Stat. Plan. Inference 143:1249, eq. 2.1) between the two empirical distributions
    /// (the V-statistic):
    ///
    ///   E = 2/(mn) Σ_{i,j} ‖x_i − y_j‖ − 1/m² Σ_{i,j} ‖x_i − x_j‖ − 1/n² Σ_{i,j} ‖y_i − y_j‖.
    ///
    /// E ≥ 0, E = 0 iff the two samples are the same multiset of points, and in 1-D E = 2∫(F_x − F_y)² dt
    /// with F the empirical distribution functions. Units: data units (a distance, not squared).
    /// Requires m, n ≥ 1.
    public static func energyDistance(_ x: [Double], _ y: [Double], dimension: Int) -> Double {
        let m = pointCount(x, dimension, "x"), n = pointCount(y, dimension, "y")
        precondition(m >= 1 && n >= 1, "SampleDistance.energyDistance: needs at least 1 point in each sample")
        let dxx = 2 * pairSum(x, x, dimension, symmetric: true) { $0.squareRoot() }
        let dyy = 2 * pairSum(y, y, dimension, symmetric: true) { $0.squareRoot() }
        let dxy = pairSum(x, y, dimension, symmetric: false) { $0.squareRoot() }
        let dm = Double(m), dn = Double(n)
        // NB: the V-statistic is ≥ 0 in exact arithmetic; clamp the rounding of a near-zero difference.
        return max(0, 2 * dxy / (dm * dn) - dxx / (dm * dm) - dyy / (dn * dn))
    }

    /// The median Euclidean distance over all pairs i < j of `points` (a flat `[n, dimension]` array), the
    /// middle two averaged when the number of pairs is even. When there are more than `limit` points, an
    /// even stride picks `limit` of them (deterministic: points ⌊i·n/limit⌋). If the median is 0 (most
    /// points coincide), the mean pairwise distance is used instead, and 1 if that is 0 too (all points
    /// equal: every σ then gives the same kernel values).
    public static func medianPairwiseDistance(_ points: [Double], dimension: Int,
                                              limit: Int = medianHeuristicLimit) -> Double {
        let n = pointCount(points, dimension, "points")
        precondition(n >= 2, "SampleDistance.medianPairwiseDistance: needs at least 2 points")
        precondition(limit >= 2, "SampleDistance.medianPairwiseDistance: limit must be at least 2")
        var chosen = points
        if n > limit {
            chosen = []
            chosen.reserveCapacity(limit * dimension)
            for i in 0..<limit {
                let p = i * n / limit
                chosen.append(contentsOf: points[p * dimension ..< (p + 1) * dimension])
            }
        }
        let count = chosen.count / dimension
        var distances: [Double] = []
        distances.reserveCapacity(count * (count - 1) / 2)
        chosen.withUnsafeBufferPointer { p in
            for i in 0..<count {
                for j in (i + 1)..<count {
                    distances.append(squaredDistance(p, i, p, j, dimension).squareRoot())
                }
            }
        }
        distances.sort()
        let h = distances.count / 2
        let median = distances.count % 2 == 1 ? distances[h] : (distances[h - 1] + distances[h]) / 2
        if median > 0 { return median }
        let mean = distances.reduce(0, +) / Double(distances.count)
        return mean > 0 ? mean : 1
    }

    // MARK: - Helpers

    private static func pointCount(_ a: [Double], _ dimension: Int, _ name: String) -> Int {
        precondition(dimension > 0, "SampleDistance: dimension must be positive, got \(dimension)")
        precondition(a.count % dimension == 0,
                     "SampleDistance: \(name) has \(a.count) values, not a whole number of \(dimension)-D points")
        return a.count / dimension
    }

    @inline(__always)
    private static func squaredDistance(_ a: UnsafeBufferPointer<Double>, _ i: Int,
                                        _ b: UnsafeBufferPointer<Double>, _ j: Int, _ d: Int) -> Double {
        var s = 0.0
        for c in 0..<d {
            let delta = a[i * d + c] - b[j * d + c]
            s += delta * delta
        }
        return s
    }

    /// Σ f(‖a_i − b_j‖²) over all (i, j), or over i < j when `symmetric` (a and b the same sample).
    private static func pairSum(_ a: [Double], _ b: [Double], _ d: Int, symmetric: Bool,
                                _ f: (Double) -> Double) -> Double {
        let na = a.count / d, nb = b.count / d
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                var total = 0.0
                for i in 0..<na {
                    var row = 0.0  // NB: per-row partial sums keep the rounding error of long sums small.
                    for j in (symmetric ? i + 1 : 0)..<nb {
                        row += f(squaredDistance(pa, i, pb, j, d))
                    }
                    total += row
                }
                return total
            }
        }
    }
}
