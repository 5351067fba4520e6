import NashEngine
import Testing

/// One GEMM problem with random operands (uniform in [-1, 1) from a named stream), stored with
/// padded leading dimensions whose padding holds NaN: a kernel that reads outside op(A), op(B) or
/// writes outside C shows up as NaN in the result or as a changed pad.
struct GemmProblem: CustomTestStringConvertible, Sendable {
    var transA = false, transB = false
    var m: Int, n: Int, k: Int
    var alpha: Float = 1, beta: Float = 0

    var testDescription: String {
        "\(transA ? "T" : "N")\(transB ? "T" : "N") \(m)x\(n)x\(k) alpha \(alpha) beta \(beta)"
    }

    var lda: Int { (transA ? m : k) + 3 }
    var ldb: Int { (transB ? k : n) + 1 }
    var ldc: Int { n + 2 }
    var rowsA: Int { transA ? k : m }
    var rowsB: Int { transB ? n : k }

    func operand(_ name: String, rows: Int, cols: Int, ld: Int) -> [Float] {
        let values = RandomStream(seed: 11, name: "gemm/\(testDescription)/\(name)").at(step: 0)
            .uniform(count: rows * cols)
        var out = [Float](repeating: .nan, count: rows * ld)
        for r in 0..<rows { for c in 0..<cols { out[r * ld + c] = 2 * values[r * cols + c] - 1 } }
        return out
    }

    /// A, B and the initial C: random when beta != 0, NaN garbage when beta == 0 (it must not be
    /// read).
    func operands() -> (a: [Float], b: [Float], c: [Float]) {
        (operand("A", rows: rowsA, cols: transA ? m : k, ld: lda),
         operand("B", rows: rowsB, cols: transB ? k : n, ld: ldb),
         beta == 0 ? [Float](repeating: .nan, count: m * ldc) : operand("C", rows: m, cols: n, ld: ldc))
    }

    func opA(_ a: [Float], _ i: Int, _ p: Int) -> Float { transA ? a[p * lda + i] : a[i * lda + p] }
    func opB(_ b: [Float], _ p: Int, _ j: Int) -> Float { transB ? b[j * ldb + p] : b[p * ldb + j] }

    /// Runs Gemm.multiply and returns C (with its padding).
    func run(kernel: Gemm.Kernel? = nil) -> [Float] { run(kernel: kernel, operands()) }

    func run(kernel: Gemm.Kernel?, _ operands: (a: [Float], b: [Float], c: [Float])) -> [Float] {
        let (a, b) = (operands.a, operands.b)
        var c = operands.c
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    // NB: empty arrays may have no base address; give the kernel a dummy pointer.
                    var dummy: Float = .nan
                    withUnsafeMutablePointer(to: &dummy) { d in
                        let (pa, pb, pc) = (ap.baseAddress ?? UnsafePointer(d), bp.baseAddress ?? UnsafePointer(d),
                                            cp.baseAddress ?? d)
                        if let kernel {
                            Gemm.multiply(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                                          a: pa, lda: lda, b: pb, ldb: ldb, beta: beta, c: pc, ldc: ldc,
                                          kernel: kernel)
                        } else {
                            Gemm.multiply(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                                          a: pa, lda: lda, b: pb, ldb: ldb, beta: beta, c: pc, ldc: ldc)
                        }
                    }
                }
            }
        }
        return c
    }

    /// The exact result in Float64 and, per element, |alpha| Σ|a b| + |beta c| (for the error bound).
    func reference(_ operands: (a: [Float], b: [Float], c: [Float])) -> (value: [Double], absoluteSum: [Double]) {
        let (a, b, c) = operands
        var value = [Double](repeating: 0, count: m * n), absoluteSum = value
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0, abs = 0.0
                for p in 0..<k {
                    let t = Double(opA(a, i, p)) * Double(opB(b, p, j))
                    sum += t
                    abs += Swift.abs(t)
                }
                let old = beta == 0 ? 0 : Double(c[i * ldc + j])
                value[i * n + j] = Double(alpha) * sum + Double(beta) * old
                absoluteSum[i * n + j] = Swift.abs(Double(alpha)) * abs + Swift.abs(Double(beta) * old)
            }
        }
        return (value, absoluteSum)
    }
}
