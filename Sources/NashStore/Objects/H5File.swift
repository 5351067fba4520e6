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

    /// Datasets holding buffered appends (`H5Dataset+Append.swift`), weakly: a dataset writes its
    /// records before it goes away.
    private var pendingAppends: [ObjectIdentifier: WeakDataset] = [:]
    private final class WeakDataset {
        weak var dataset: H5Dataset?
        init(_ dataset: H5Dataset) { self.dataset = dataset }
    }

    /// Opens or creates the file at `path`.
    public convenience init(path: String, mode: Mode = .readOnly) throws {
        try self.init(path: path, mode: mode, storage: .disk)
    }

    /// Where the bytes of an open file live.
    enum Storage {
        /// In the file at `path` (HDF5's default sec2 driver).
        case disk
        /// In memory only (HDF5's core driver, never written back: `RunFileWriter` takes images of it);
        /// `initial` is the content to open, or nil to create an empty file. `path` is never touched.
        ///
        /// NB: HDF5 is handed a unique name that exists nowhere: the core driver refuses a file image
        /// whose name exists on disk ("file already exists"), and opening the real path would take
        /// HDF5's exclusive file lock, which fails while any reader has the run file open.
        case memory(initial: [UInt8]?)
    }

    init(path: String, mode: Mode, storage: Storage) throws {
        let id: hid_t = try HDF5Library.locked {
            let site = H5Site(file: path, object: nil)
            let fapl = try site.check(H5Pcreate(nash_H5P_FILE_ACCESS()), "cannot create a property list")
            defer { H5Pclose(fapl) }
            try site.check(H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG), "cannot set the close degree")
            if case .memory(let initial) = storage {
                try site.check(H5Pset_fapl_core(fapl, 1 << 20, false), "cannot select the in-memory driver")
                if let initial = initial {
                    // NB: HDF5 copies the image; the file on disk is neither read nor locked.
                    let status = initial.withUnsafeBytes {
                        H5Pset_file_image(fapl, UnsafeMutableRawPointer(mutating: $0.baseAddress), $0.count)
                    }
                    try site.check(status, "cannot hand the file image to HDF5")
                }
            }
            var name = path
            if case .memory = storage { name = path + ".in-memory-" + UUID().uuidString }
            let id: hid_t
            switch mode {
            case .readOnly: id = H5Fopen(name, nash_H5F_ACC_RDONLY(), fapl)
            case .readWrite: id = H5Fopen(name, nash_H5F_ACC_RDWR(), fapl)
            case .create: id = H5Fcreate(name, nash_H5F_ACC_TRUNC(), nash_H5P_DEFAULT(), fapl)
            case .createNew: id = H5Fcreate(name, nash_H5F_ACC_EXCL(), nash_H5P_DEFAULT(), fapl)
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

    // MARK: buffered appends (call inside HDF5Library.locked)

    func registerPendingAppends(_ dataset: H5Dataset) {
        pendingAppends[ObjectIdentifier(dataset)] = WeakDataset(dataset)
    }

    func unregisterPendingAppends(_ dataset: H5Dataset) {
        pendingAppends[ObjectIdentifier(dataset)] = nil
    }

    /// Hands every dataset's buffered records to HDF5.
    func flushPendingAppends() throws {
        guard !pendingAppends.isEmpty else { return }
        for entry in Array(pendingAppends.values) {
            try entry.dataset?.flushPending()
        }
    }

    override func willClose() throws {
        try flushPendingAppends()
    }

    /// Writes everything HDF5 holds in its caches to the file (or, for an in-memory file, to memory).
    public func flush() throws {
        try HDF5Library.locked {
            let id = try liveID()
            try flushPendingAppends()
            try site.check(H5Fflush(id, H5F_SCOPE_GLOBAL), "cannot flush file")
        }
    }

    /// Runs `body` while no thread of this process opens or closes a file (or makes any other HDF5
    /// call), for starting a child process from a program that uses NashStore on other threads.
    ///
    /// NB: a child holds a copy of every open descriptor from its fork (`posix_spawn`'s clone) until
    /// it closes them or execs, and with it the lock HDF5 takes on an open file (flock belongs to the
    /// open file description). A file another thread closes and reopens in that window fails to open
    /// ("unable to lock file, errno = 11"). `posix_spawn` returns after the exec, so a child started in
    /// `body` with every other descriptor closed has let go of them all when this returns.
    public static func excludingOpensAndCloses<R>(_ body: () throws -> R) rethrows -> R {
        try HDF5Library.locked(body)
    }

    /// The version of the libhdf5 in use, e.g. "1.10.8".
    public static var libraryVersion: String {
        HDF5Library.locked {
            var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
            _ = H5get_libversion(&major, &minor, &release)
            return "\(major).\(minor).\(release)"
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
            try flushPendingAppends()
            try site.check(H5Fflush(id, H5F_SCOPE_GLOBAL), "cannot flush file")
            let size = try site.check(H5Fget_file_image(id, nil, 0), "cannot size the file image")
            return try [UInt8](unsafeUninitializedCapacity: size) { buffer, initialised in
                let copied = H5Fget_file_image(id, buffer.baseAddress, size)
                try site.check(copied, "cannot copy the file image")
                initialised = copied
            }
        }
    }
}
