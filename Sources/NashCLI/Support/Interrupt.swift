#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C handling for long runs: the first SIGINT asks the runner to stop after the current round
/// (the file is then marked `interrupted`); a second one ends the process at once.
enum Interrupt {
    nonisolated(unsafe) private static var requested: sig_atomic_t = 0

    static var isRequested: Bool { requested != 0 }

    static func install() {
        signal(SIGINT) { _ in
            if Interrupt.requested != 0 { _exit(130) }
            Interrupt.requested = 1
        }
    }
}
