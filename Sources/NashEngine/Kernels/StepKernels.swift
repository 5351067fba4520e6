import CNashKernels

/// Loops of a training step that live in C (`reduce_adam.c`) so they run 16 lanes wide where the
/// CPU has AVX-512. Each performs the same IEEE operations, in the same order, as the plain loop
/// documented beside it, so the results are the same bits on every CPU.
public enum StepKernels {
    /// One Adam update of `count` parameters in place (`ParameterOptimizer`'s formulas):
    /// m = m·β₁ + g·(1−β₁), v = v·β₂ + (g·g)·(1−β₂), θ = θ − ((m/c₁) / (√max(v/c₂, ν) + ε))·η.
    public static func adam(theta: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                            first: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>, count: Int,
                            beta1: Float, beta2: Float, oneMinusBeta1: Float, oneMinusBeta2: Float,
                            correction1: Float, correction2: Float, epsilon: Float, rate: Float,
                            sqrtGuard: Float) {
        // Element by element, so any split gives the same bits. Halves of a large tensor go to the
        // threads (front and back, as every batch split does), so each thread updates the rows of
        // the weight gradient it added up itself (`Gemm`'s k-block split).
        let chunks = Swift.max(1, Swift.min(Parallel.effectiveThreadCount, count / adamGrain))
        Parallel.forEach(chunks) { chunk in
            let (s, e) = (count * chunk / chunks, count * (chunk + 1) / chunks)
            nash_adam_step(theta + s, gradient + s, first + s, second + s, e - s, beta1, beta2, oneMinusBeta1,
                           oneMinusBeta2, correction1, correction2, epsilon, rate, sqrtGuard)
        }
    }

    /// Parameters per thread below which Adam runs on the calling thread (about 5 µs of work).
    static let adamGrain = 1 << 13
}
