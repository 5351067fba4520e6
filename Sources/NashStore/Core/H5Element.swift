import CHDF5

/// The numeric element types a dataset may hold, named as NumPy names them.
///
/// Stored little-endian IEEE / two's complement (the native layout on the platforms Nash runs on), so
/// h5py reports exactly `float32`, `float64`, `int64`, `uint8`.
public enum H5ElementKind: String, Sendable, CaseIterable {
    case float32, float64, int64, uint8

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float32: return 4
        case .float64, .int64: return 8
        case .uint8: return 1
        }
    }

    /// The native memory type; also used as the file type at creation.
    var nativeType: hid_t {
        switch self {
        case .float32: return nash_H5T_NATIVE_FLOAT()
        case .float64: return nash_H5T_NATIVE_DOUBLE()
        case .int64: return nash_H5T_NATIVE_INT64()
        case .uint8: return nash_H5T_NATIVE_UINT8()
        }
    }

    /// The kind of an HDF5 datatype, or nil when it is none of the four (e.g. int32, a string).
    /// Byte order is not part of the kind: HDF5 converts big-endian data on read.
    init?(type: hid_t) {
        let size = H5Tget_size(type)
        switch H5Tget_class(type) {
        case H5T_FLOAT where size == 4: self = .float32
        case H5T_FLOAT where size == 8: self = .float64
        case H5T_INTEGER where size == 8 && H5Tget_sign(type) == H5T_SGN_2: self = .int64
        case H5T_INTEGER where size == 1 && H5Tget_sign(type) == H5T_SGN_NONE: self = .uint8
        default: return nil
        }
    }
}

/// A Swift type that can be stored as dataset elements: `Float`, `Double`, `Int64`, `UInt8`, and `Int`
/// (as int64, on 64-bit platforms).
public protocol H5Scalar {
    static var h5Kind: H5ElementKind { get }
    /// The value used to pre-size buffers before HDF5 fills them.
    static var h5Zero: Self { get }
}

extension Float: H5Scalar {
    public static var h5Kind: H5ElementKind { .float32 }
    public static var h5Zero: Float { 0 }
}

extension Double: H5Scalar {
    public static var h5Kind: H5ElementKind { .float64 }
    public static var h5Zero: Double { 0 }
}

extension Int64: H5Scalar {
    public static var h5Kind: H5ElementKind { .int64 }
    public static var h5Zero: Int64 { 0 }
}

#if _pointerBitWidth(_64)
/// NB: `Int` is here so that an integer literal (`append(30)`) means int64; without it Swift would pick
/// `Double`, the only literal-compatible default, and the append would fail on an int64 dataset.
extension Int: H5Scalar {
    public static var h5Kind: H5ElementKind { .int64 }
    public static var h5Zero: Int { 0 }
}
#endif

extension UInt8: H5Scalar {
    public static var h5Kind: H5ElementKind { .uint8 }
    public static var h5Zero: UInt8 { 0 }
}

/// A human name for any HDF5 datatype, for error messages: "float32", "int32", "uint16",
/// "string (variable length)", "compound", …
func describeType(_ type: hid_t) -> String {
    let size = H5Tget_size(type)
    switch H5Tget_class(type) {
    case H5T_FLOAT: return "float\(size * 8)"
    case H5T_INTEGER: return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + "\(size * 8)"
    case H5T_STRING: return H5Tis_variable_str(type) > 0 ? "string (variable length)" : "string (\(size) bytes)"
    case H5T_COMPOUND: return "compound"
    case H5T_ENUM: return "enum"
    case H5T_ARRAY: return "array"
    case H5T_VLEN: return "variable-length sequence"
    case H5T_OPAQUE: return "opaque"
    case H5T_REFERENCE: return "reference"
    case H5T_BITFIELD: return "bitfield"
    default: return "unknown type"
    }
}

/// An n-dimensional array read from a dataset: row-major `values`, `shape.reduce(1, *)` of them.
/// A scalar (rank-0) dataset has `shape == []` and one value.
public struct H5Array<Element> {
    public var shape: [Int]
    public var values: [Element]

    public init(shape: [Int], values: [Element]) {
        self.shape = shape
        self.values = values
    }

    public var rank: Int { shape.count }
}

extension H5Array: Equatable where Element: Equatable {}
extension H5Array: Sendable where Element: Sendable {}
