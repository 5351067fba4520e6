import CHDF5

/// An open HDF5 object: a file (its root group), a group or a dataset.
///
/// The handle is closed by `close()` or, at the latest, when the object is deinitialised. Objects opened
/// from a file keep that `H5File` alive; closing the file explicitly closes every object opened from it
/// (HDF5's "strong" close degree), after which their methods throw `H5Error.Kind.closed`.
///
/// Attributes live in `H5Object+Attributes.swift`.
public class H5Object {
    /// The HDF5 identifier; -1 once closed.
    var id: hid_t
    private let closeFunction: (hid_t) -> herr_t
    /// The file this object was opened from; nil for the file itself.
    let owner: H5File?

    /// The file's path as given when it was opened or created.
    public let filePath: String
    /// The absolute object path inside the file; "/" for a file and its root group.
    public let path: String

    init(id: hid_t, filePath: String, path: String, owner: H5File?, close: @escaping (hid_t) -> herr_t) {
        self.id = id
        self.filePath = filePath
        self.path = path
        self.owner = owner
        self.closeFunction = close
    }

    deinit {
        if id >= 0 {
            let id = self.id, close = closeFunction
            // NB: after the owning file was closed this fails harmlessly: HDF5 never reuses identifiers.
            HDF5Library.locked { _ = close(id) }
        }
    }

    /// Whether the handle (and the file it belongs to) is still open.
    public var isOpen: Bool { id >= 0 && (owner?.isOpen ?? true) }

    /// Closes the handle. Closing twice is allowed; the second call does nothing.
    public func close() throws {
        try HDF5Library.locked {
            guard id >= 0 else { return }
            var pendingError: Error?
            if owner?.isOpen ?? true {
                do { try willClose() } catch { pendingError = error }
            }
            let status = closeFunction(id)
            id = -1
            if let error = pendingError { throw error }
            if owner?.isOpen ?? true {
                try site.check(status, "cannot close")
            }
        }
    }

    /// Work that must reach HDF5 before the handle closes (a dataset's buffered appends).
    func willClose() throws {}

    var site: H5Site { H5Site(file: filePath, object: path) }

    /// The identifier, or a `.closed` error. Call inside `HDF5Library.locked`.
    func liveID() throws -> hid_t {
        guard id >= 0 else { throw site.error(.closed, "handle is closed") }
        if let owner = owner, !owner.isOpen { throw site.error(.closed, "file is closed") }
        return id
    }
}

/// One member of a group, as listed by `H5Container.members()`.
public struct H5Member: Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        case group, dataset
        /// A named datatype, a dangling soft link or an external link.
        case other
    }

    public let name: String
    public let kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
