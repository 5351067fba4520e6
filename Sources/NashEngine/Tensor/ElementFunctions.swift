import Foundation

/// A function applied to every element by `Loops.map`: a type rather than a closure, so that each
/// operation's loop is specialised with the function inlined, also inside the chunks handed to the
/// thread pool (see `Loops`).
protocol UnaryElementFunction {
    func callAsFunction(_ x: Float) -> Float
}

/// A function of two elements, for `Loops.zip` and `Loops.broadcast`.
protocol BinaryElementFunction {
    func callAsFunction(_ a: Float, _ b: Float) -> Float
}

/// The element functions of the engine's primitives. Each states its formula once; the rounding of
/// every one is that of the IEEE operation it names (no contraction into FMAs).
enum ElementFunction {
    struct Add: BinaryElementFunction {
        @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a + b }
    }
    struct Subtract: BinaryElementFunction {
        @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a - b }
    }
    struct Multiply: BinaryElementFunction {
        @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b }
    }
    struct Divide: BinaryElementFunction {
        @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a / b }
    }
    /// a where a ≥ b, else b (ties to a).
    struct Maximum: BinaryElementFunction {
        @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a >= b ? a : b }
    }
    /// a where a ≤ b, else b (ties to a).
    struct Minimum: BinaryElementFunction {
        @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a <= b ? a : b }
    }

    /// 1 where the comparison holds, else 0.
    struct Compare: BinaryElementFunction {
        enum Relation { case greater, less, greaterOrEqual, lessOrEqual, equal }
        let relation: Relation
        @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float {
            switch relation {
            case .greater: return a > b ? 1 : 0
            case .less: return a < b ? 1 : 0
            case .greaterOrEqual: return a >= b ? 1 : 0
            case .lessOrEqual: return a <= b ? 1 : 0
            case .equal: return a == b ? 1 : 0
            }
        }
    }

    struct Negate: UnaryElementFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float { -x }
    }
    struct Exp: UnaryElementFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.exp(x) }
    }
    struct Log: UnaryElementFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.log(x) }
    }
    struct SquareRoot: UnaryElementFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float { x.squareRoot() }
    }
    struct Absolute: UnaryElementFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float { Swift.abs(x) }
    }
    struct Square: UnaryElementFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float { x * x }
    }
    struct Identity: UnaryElementFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float { x }
    }
    struct Power: UnaryElementFunction {
        let p: Float
        @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.pow(x, p) }
    }
    /// x for x > 0, else 0 (NaN → 0).
    struct ReLU: UnaryElementFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? x : 0 }
    }
    /// x for x > 0, else α·x.
    struct LeakyReLU: UnaryElementFunction {
        let alpha: Float
        @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? x : alpha * x }
    }
    struct Tanh: UnaryElementFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.tanh(x) }
    }
    struct Sigmoid: UnaryElementFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float { Tensor.sigmoid(x) }
    }
    /// log(1 + eˣ) as max(x, 0) + log1p(e^−|x|).
    struct Softplus: UnaryElementFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float {
            Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
        }
    }
    /// −1, 0 or 1 by the sign of x (NaN → 0).
    struct Sign: UnaryElementFunction {
        @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : 0) }
    }
}
