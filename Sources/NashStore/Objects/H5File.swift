import CHDF5
import Foundation

/// An open HDF5 file; as an `H5Container` it is the root group "/".
///
/// ```swift
/// let file = try H5File(path: "run.h5", mode: .create)
/// try file.setAttribute("format", "nash-run")
/// try file.write("curves/step", [0, 10, 20] as [Int64])
/// try file.close()
/// ```
///
/// Files are created with HDF5's default (oldest compatible) format, which every HDF5 1.8+ reader,
/// h5py and h5dump open. For a file that survives `kill -9`, use `RunFileWriter`.
public final class H5File: H5Container {
    public enum Mode: Sendable, Equatable {
        /// Open an existing file for reading.
        case readOnly
        /// Open an existing file for reading and writing.
        case readWrite
        /// Create a file, truncating an existing one.
        case create
        /// Create a file; fail if one exists.
        case createNew
    }

    public let mode: Mode

    /// Opens or creates the file at `path`.
    public convenience init(path: String, mode: Mode = .readOnly) throws {
        try self.init(path: path, mode: mode, inMemory: false)
    }

    /// With `inMemory`, HDF5's core driver holds the whole file in memory and never writes it back
    /// (`RunFileWriter` takes images of it instead); opening then reads the existing file into memory.
    init(path: String, mode: Mode, inMemory: Bool) throws {
        let id: hid_t = try HDF5Library.locked {
            let site = H5Site(file: path, object: nil)
            let fapl = try site.check(H5Pcreate(nash_H5P_FILE_ACCESS()), "cannot create a property list")
            defer { H5Pclose(fapl) }
            try site.check(H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG), "cannot set the close degree")
            if inMemory {
                try site.check(H5Pset_fapl_core(fapl, 1 << 20, false), "cannot select the in-memory driver")
            }
            let id: hid_t
            switch mode {
            case .readOnly: id = H5Fopen(path, nash_H5F_ACC_RDONLY(), fapl)
            case .readWrite: id = H5Fopen(path, nash_H5F_ACC_RDWR(), fapl)
            case .create: id = H5Fcreate(path, nash_H5F_ACC_TRUNC(), nash_H5P_DEFAULT(), fapl)
            case .createNew: id = H5Fcreate(path, nash_H5F_ACC_EXCL(), nash_H5P_DEFAULT(), fapl)
            }
            guard id >= 0 else {
                let missing = (mode == .readOnly || mode == .readWrite)
                    && !FileManager.default.fileExists(atPath: path)
                let summary: String
                switch mode {
                case .readOnly: summary = missing ? "no such file" : "cannot open file for reading"
                case .readWrite: summary = missing ? "no such file" : "cannot open file for writing"
                case .create, .createNew: summary = "cannot create file"
                }
                throw site.failure(summary, kind: missing ? .notFound : .library)
            }
            return id
        }
        self.mode = mode
        super.init(id: id, filePath: path, path: "/", owner: nil, close: { H5Fclose($0) })
    }

    /// Writes everything HDF5 holds in its caches to the file (or, for an in-memory file, to memory).
    public func flush() throws {
        try HDF5Library.locked {
            try site.check(H5Fflush(try liveID(), H5F_SCOPE_GLOBAL), "cannot flush file")
        }
    }

    /// Whether `path` names a readable HDF5 file (false for a missing, truncated or foreign file).
    public static func isHDF5(path: String) -> Bool {
        HDF5Library.locked {
            let status = H5Fis_hdf5(path)
            if status < 0 { _ = HDF5Library.takeErrorStack() }
            return status > 0
        }
    }

    /// The bytes of the whole file as it would be on disk after a flush.
    func image() throws -> [UInt8] {
        try HDF5Library.locked {
            let id = try liveID()
            try site.check(H5Fflush(id, H5F_SCOPE_GLOBAL), "cannot flush file")
            let size = try site.check(H5Fget_file_image(id, nil, 0), "cannot size the file image")
            var bytes = [UInt8](repeating: 0, count: size)
            let copied = bytes.withUnsafeMutableBytes { H5Fget_file_image(id, $0.baseAddress, size) }
            try site.check(copied, "cannot copy the file image")
            return bytes
        }
    }
}
