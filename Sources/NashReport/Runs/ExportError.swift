/// Why an export cannot be made, as one line that names the file (or folder) and the cause:
///
/// ```
/// results/ring8: no run files (*.h5) found
/// results/ring8/1a2b3c4d/seed-1.h5: unknown curve "loss/X" (recorded: D/accuracy, loss/D, …)
/// results/ring8: no sample snapshot at step 7 (recorded at 0, 10, 20, 30, 40)
/// ```
public struct ExportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The run file or folder the failure is about.
    public let file: String
    /// The cause, without the path.
    public let cause: String

    public init(file: String, _ cause: String) {
        self.file = file
        self.cause = cause
    }

    public var description: String { file + ": " + cause }
}
