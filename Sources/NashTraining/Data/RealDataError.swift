/// Why real data could not be prepared: one line naming the file (when there is one) and the cause,
/// e.g. `data/rings.h5: /x: sha256 mismatch: the scenario declares 3f…, the array hashes to 9c…`.
public struct RealDataError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The resolved path of the file concerned, or nil for a synthetic source.
    public let file: String?
    /// What is wrong, without the file name.
    public let cause: String

    public init(file: String?, cause: String) {
        self.file = file
        self.cause = cause
    }

    public var description: String {
        guard let file else { return "data: " + cause }
        return file + ": " + cause
    }
}
