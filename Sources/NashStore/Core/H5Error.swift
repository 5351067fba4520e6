import Foundation

/// A failure of the store: the operation, the file, the object path, and HDF5's own messages.
///
/// `description` is one line, e.g.
/// `run.h5: /curves/loss/D: cannot open dataset: HDF5: unable to open dataset (can't open object) → …`.
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

    public var description: String {
        var text = file
        if let object = object { text += ": " + object }
        text += ": " + summary
        if !stack.isEmpty { text += ": HDF5: " + stack.joined(separator: " → ") }
        return text
    }
}

extension H5Error: LocalizedError {
    public var errorDescription: String? { description }
}
