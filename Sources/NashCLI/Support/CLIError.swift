/// A failure the user can act on: printed as one line (`nash: <file>: <cause>`), exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    /// Extra lines shown after the message (a compiler's diagnostics), or empty.
    var details: String = ""

    init(_ message: String, details: String = "") {
        self.message = message
        self.details = details
    }

    var description: String { message }
}
