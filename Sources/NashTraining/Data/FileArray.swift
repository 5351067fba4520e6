import Foundation
import Nash
import NashStore

/// A float array read from a dataset of an HDF5 file for `Dataset.file`: checked, converted to Float32,
/// and hashed.
///
/// The content hash is SHA-256 over the array's values as little-endian IEEE Float32 in row-major
/// order (after converting a float64 array to Float32, round to nearest even), nothing else: no shape,
/// no dataset name, no HDF5 metadata. It is therefore the hash of exactly the numbers training sees, and
/// anyone can compute it with h5py:
///
/// ```python
/// hashlib.sha256(numpy.ascontiguousarray(f["x"][()], dtype="<f4").tobytes()).hexdigest()
/// ```
struct FileArray {
    /// The resolved path of the file.
    let path: String
    /// Shape of the whole array, first axis the samples: `[n] + sampleShape`.
    let shape: [Int]
    /// Row-major values.
    let values: [Float]
    /// Lower-case hex SHA-256 of `values` as defined above.
    let sha256: String

    /// `path` relative to `baseDirectory` unless it is absolute.
    static func resolve(_ path: String, baseDirectory: String) -> String {
        if path.hasPrefix("/") || baseDirectory.isEmpty { return path }
        return baseDirectory.hasSuffix("/") ? baseDirectory + path : baseDirectory + "/" + path
    }

    /// Reads `dataset` of the file at `path` and checks it against the declared per-sample `shape` and
    /// `sha256` (either may be nil: not checked).
    init(path: String, dataset: String, shape declaredShape: [Int]?, sha256 declaredHash: String?) throws {
        func failure(_ cause: String) -> RealDataError { RealDataError(file: path, cause: cause) }
        guard FileManager.default.fileExists(atPath: path) else { throw failure("no such file") }
        guard H5File.isHDF5(path: path) else { throw failure("not an HDF5 file") }
        let array: (shape: [Int], values: [Float])
        do {
            let file = try H5File(path: path, mode: .readOnly)
            defer { try? file.close() }
            guard try file.exists(dataset) else { throw failure("no dataset '\(dataset)' in the file") }
            let stored = try file.dataset(dataset)
            switch stored.elementKind {
            case .float32?:
                let read = try stored.read(Float.self)
                array = (read.shape, read.values)
            case .float64?:
                let read = try stored.read(Double.self)
                array = (read.shape, read.values.map { Float($0) })
            default:
                throw failure("dataset '\(dataset)' holds \(stored.typeDescription); expected float32 or float64")
            }
        } catch let error as RealDataError {
            throw error
        } catch let error as H5Error {
            // NB: H5Error's text already starts with the file's path.
            throw RealDataError(file: nil, cause: error.description)
        }
        let found = array.shape
        guard found.count >= 2 else {
            throw failure("dataset '\(dataset)' has shape \(found); expected [samples, dims…] "
                          + "(store 1-D data as [n, 1])")
        }
        guard found[0] >= 1 else { throw failure("dataset '\(dataset)' holds no samples (shape \(found))") }
        if let declaredShape, Array(found.dropFirst()) != declaredShape {
            throw failure("dataset '\(dataset)' has shape \(found), so samples of shape \(Array(found.dropFirst())), "
                          + "but the scenario declares \(declaredShape)")
        }
        let hash = Self.hash(array.values)
        if let declaredHash, declaredHash.lowercased() != hash {
            throw failure("dataset '\(dataset)': sha256 mismatch: the scenario declares \(declaredHash), "
                          + "the array hashes to \(hash)")
        }
        self.path = path
        self.shape = found
        self.values = array.values
        self.sha256 = hash
    }

    /// SHA-256 of `values` as little-endian Float32, row-major; lower-case hex.
    static func hash(_ values: [Float]) -> String {
        var hasher = SHA256()
        #if _endian(little)
        values.withUnsafeBytes { hasher.update($0) }
        #else
        values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { hasher.update($0) }
        #endif
        return hasher.hexDigest()
    }
}
