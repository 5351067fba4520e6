import Foundation

/// A failure of the store: the operation, the file, the object path, and HDF5's own messages.
///
/// `description` is one line, e.g.
/// `run.h5: cannot open file for reading: HDF5: unable to open file → … → file signature not found
/// (not an hdf5 file)`.
public struct H5Error: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// A libhdf5 call failed; `stack` holds its messages.
        case library
        /// The file or object does not exist (or is of another kind: a group where a dataset was asked).
        case notFound
        /// Element type of a dataset or attribute differs from the one asked for.
        case wrongType
        /// Rank (number of dimensions) differs from the one asked for.
        case wrongRank
        /// Sizes disagree: values vs. shape, record size in an append, a row range past the end.
        case wrongShape
        /// An argument NashStore refuses (empty name, string with NUL, negative dimension).
        case invalidArgument
        /// The handle was closed.
        case closed
        /// The operating system refused a file operation of the crash-safe writer (`stack` holds its
        /// message, e.g. "No space left on device").
        case io
    }

    public let kind: Kind
    /// What NashStore was doing or found, e.g. "cannot open dataset".
    public let summary: String
    /// The file's path as given by the caller.
    public let file: String
    /// The absolute object path inside the file ("/" is the root), when the error concerns one.
    public let object: String?
    /// HDF5's error stack, outermost call first; empty for errors NashStore detected itself.
    public let stack: [String]

    public init(kind: Kind, summary: String, file: String, object: String? = nil, stack: [String] = []) {
        self.kind = kind
        self.summary = summary
        self.file = file
        self.object = object
        self.stack = stack
    }

    public var description: String {
        var text = file
        if let object = object { text += ": " + object }
        text += ": " + summary
        // NB: the middle of a deep stack repeats "unable to initialize object"; the outermost entry says
        // what failed and the innermost why. The whole stack stays in `stack`.
        let shown = stack.count <= 3 ? stack : [stack[0], "…", stack[stack.count - 1]]
        if !shown.isEmpty { text += (kind == .io ? ": " : ": HDF5: ") + shown.joined(separator: " → ") }
        return text
    }
}

extension H5Error: LocalizedError {
    public var errorDescription: String? { description }
}
