import Foundation

/// Why a run file cannot be read, resumed or written, as one line that names the file and the cause:
///
/// ```
/// results/ring8/1a2b3c4d/seed-1.h5: not an HDF5 file
/// notes.h5: not a Nash run file (no "format" attribute)
/// seed-1.h5: damaged or truncated HDF5 file (HDF5: truncated file: eof = 4096, …)
/// seed-1.h5: run file format_version 2 is not supported (this Nash reads 1)
/// seed-1.h5: damaged run file: /curves/loss/D holds 12 values for 13 steps
/// ```
public struct RunFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// No file (or a directory) at the path.
        case notFound
        /// The file is not HDF5 at all (no HDF5 signature), or empty.
        case notHDF5
        /// An HDF5 file, but not a Nash run: the `format` attribute is missing or not "nash-run".
        case notARunFile
        /// A Nash run file of a `format_version` this build does not read.
        case unsupportedVersion
        /// HDF5 cannot open it (truncated, corrupted), or its content breaks the layout.
        case damaged
        /// The recorder was called against the `RunRecorder` contract (a step that does not
        /// increase, a changed set of curve names, an unstorable name, a call after `finish`).
        case invalidRecord
        /// The operating system or HDF5 refused a write.
        case writeFailed
    }

    public let kind: Kind
    /// The run file's path as given by the caller.
    public let file: String
    /// The cause, without the path.
    public let cause: String

    public init(_ kind: Kind, file: String, _ cause: String) {
        self.kind = kind
        self.file = file
        self.cause = cause
    }

    public var description: String { file + ": " + cause }

    /// A store error met while reading a file that passed the header checks: the file is damaged.
    static func damaged(_ file: String, _ error: Error) -> RunFileError {
        if let error = error as? RunFileError { return error }
        return RunFileError(.damaged, file: file, "damaged run file: " + detail(of: error))
    }

    /// A store error met while writing.
    static func writeFailed(_ file: String, _ error: Error) -> RunFileError {
        if let error = error as? RunFileError { return error }
        return RunFileError(.writeFailed, file: file, "cannot write: " + detail(of: error))
    }

    /// An `H5Error` without its file name (the run file error names it once).
    static func detail(of error: Error) -> String {
        guard let error = error as? H5Error else { return "\(error)" }
        var text = error.summary
        if let object = error.object { text = object + ": " + text }
        if let innermost = error.stack.last { text += " (HDF5: " + innermost + ")" }
        return text
    }
}

extension RunFileError: LocalizedError {
    public var errorDescription: String? { description }
}
