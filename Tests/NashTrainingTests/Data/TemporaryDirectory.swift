import Foundation
import NashStore
import NashTestSupport

/// A fresh directory under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/nash-data-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a float32 dataset `dataset` of `shape` into a new HDF5 file `name` with NashStore.
    func writeFloat32(_ name: String, _ dataset: String, _ values: [Float], shape: [Int]) throws {
        let file = try H5File(path: path + "/" + name, mode: .create)
        try file.write(dataset, values, shape: shape)
        try file.close()
    }

    /// Runs Debian's python3 (which has h5py and numpy) on `script` in this directory; returns stdout.
    func python(_ script: String) throws -> String {
        let result = try runPython(script, directory: path)
        guard result.status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "python3 failed: \(result.stderr)"])
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
