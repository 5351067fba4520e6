import Foundation
import Nash
import NashEngine
import NashTraining
import Testing

@Suite struct NetworkModelTests {
    static func close(_ x: Float, _ y: Double, _ tol: Double = 1e-5) -> Bool { abs(Double(x) - y) <= tol * max(1, abs(y)) }

    @Test func denseAndActivationsMatchHandArithmetic() throws {
        let model = try NetworkModel(Network { Dense(2, .tanh); Scale(0.5); Dense(1, bias: false) }, input: [3])
        #expect(model.parameterSpecs.map(\.name) == ["dense0/weight", "dense0/bias", "dense3/weight"])
        let w = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6], b = [0.05, -0.05], v = [1.5, -2.0]
        let params = [Tensor(shape: [3, 2], scalars: w.map(Float.init)), Tensor(shape: [2], scalars: b.map(Float.init)),
                      Tensor(shape: [2, 1], scalars: v.map(Float.init))]
        let x: [[Double]] = [[1, 2, 3], [-1, 0.5, 0]]
        let y = model.forward(Tensor(shape: [2, 3], scalars: x.flatMap { $0.map(Float.init) }), parameters: params)
        #expect(y.shape == [2, 1])
        for (row, xs) in x.enumerated() {
            var h = [Double](repeating: 0, count: 2)
            for j in 0..<2 {
                var pre = b[j]
                for i in 0..<3 { pre += xs[i] * w[i * 2 + j] }
                h[j] = tanh(pre) * 0.5
            }
            #expect(Self.close(y.scalars[row], h[0] * v[0] + h[1] * v[1]))
        }
    }

    @Test func layerNormNormalisesEachSample() throws {
        let model = try NetworkModel(Network { LayerNorm(epsilon: 1e-5, affine: true) }, input: [4])
        let x: [Double] = [1, 2, 4, 9, -3, 0, 3, 0]
        let gamma: [Float] = [1, 2, 1, 0.5], beta: [Float] = [0, 1, 0, -1]
        let y = model.forward(Tensor(shape: [2, 4], scalars: x.map(Float.init)),
                              parameters: [Tensor(shape: [4], scalars: gamma), Tensor(shape: [4], scalars: beta)]).scalars
        for r in 0..<2 {
            let row = Array(x[(4 * r)..<(4 * r + 4)])
            let mean = row.reduce(0, +) / 4, variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
            for j in 0..<4 {
                let want = Double(gamma[j]) * (row[j] - mean) / (variance + 1e-5).squareRoot() + Double(beta[j])
                #expect(Self.close(y[4 * r + j], want))
            }
        }
    }

    @Test func batchNormUsesPerChannelBatchStatistics() throws {
        let model = try NetworkModel(Network { BatchNorm(epsilon: 1e-5, affine: false) }, input: [2, 2, 2])
        #expect(model.parameterSpecs.isEmpty)
        let x = (0..<16).map { Float(($0 * 7) % 11) - 3 }
        let y = model.forward(Tensor(shape: [2, 2, 2, 2], scalars: x), parameters: []).scalars
        for channel in 0..<2 {
            let idx = [0, 1].flatMap { n in (0..<4).map { n * 8 + channel * 4 + $0 } }
            let values = idx.map { Double(x[$0]) }
            let mean = values.reduce(0, +) / 8, variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 8
            for i in idx { #expect(Self.close(y[i], (Double(x[i]) - mean) / (variance + 1e-5).squareRoot())) }
        }
    }

    @Test func learnableConstantIgnoresItsInputAndLearns() throws {
        let model = try NetworkModel(Network { LearnableConstant(2) }, input: [3])
        let theta = Tensor(shape: [2], scalars: [0.5, -1], requiresGrad: true)
        let y = model.forward(Tensor.zeros([4, 3]), parameters: [theta])
        #expect(y.shape == [4, 2] && y.scalars == [0.5, -1, 0.5, -1, 0.5, -1, 0.5, -1])
        #expect(gradients(of: y.sum(), wrt: [theta])[0].scalars == [4, 4])
    }

    @Test func imageLayersChainWithTheDocumentedShapes() throws {
        let g = Network { Dense(8); Reshape(2, 2, 2); ConvTranspose2D(3, kernel: 2, stride: 2); Conv2D(1, kernel: 3, padding: 1); Flatten() }
        let model = try NetworkModel(g, input: [4])
        #expect(model.outputShape == [16])
        #expect(model.parameterSpecs.map(\.shape) == [[4, 8], [8], [2, 3, 2, 2], [3], [1, 3, 3, 3], [1]])
        let params = ParameterInitialization.initialize(model.parameterSpecs, stream: RandomStream(seed: 1, name: "init/G"))
        #expect(model.forward(Tensor.ones([5, 4]), parameters: params).shape == [5, 16])
    }
}
