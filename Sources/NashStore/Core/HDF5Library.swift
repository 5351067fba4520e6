import CHDF5
import Foundation

/// The one gate into libhdf5.
///
/// Every call into the library, including the `H5?close` in a handle's `deinit`, runs inside
/// `HDF5Library.locked`. The lock is process-wide and recursive (a locked region may call helpers that
/// lock again).
///
/// NB: why a global lock although Debian's `libhdf5-serial` is built with `--enable-threadsafe`: a
/// thread-safe build serialises single API calls, but NashStore issues *sequences* (a failing call, then
/// the walk of the error stack it left; select a hyperslab, then write through it) that must not
/// interleave, and other platforms' builds (Homebrew, conda's "nompi") are not thread-safe at all.
/// Contention is not a concern: a run writes a few records per training step.
enum HDF5Library {
    private static let lock = NSRecursiveLock()

    /// Runs `body` holding the global HDF5 lock, with automatic error printing off for this thread.
    @discardableResult
    static func locked<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        nash_H5E_silence_this_thread()
        return try body()
    }

    /// HDF5's own messages for the error stack the last failing call left on this thread, outermost
    /// call first, each as "description (minor message)"; then clears the stack.
    ///
    /// Must be called inside `locked`, right after the failing call.
    static func takeErrorStack() -> [String] {
        final class Collector { var lines: [String] = [] }
        let collector = Collector()
        let walker: H5E_walk2_t = { _, entry, context in
            guard let entry = entry, let context = context else { return 0 }
            let box = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
            // NB: some descriptions embed a newline (the time of an open failure); errors are one line.
            let description = (entry.pointee.desc.map { String(cString: $0) } ?? "")
                .split(whereSeparator: \.isNewline).joined(separator: " ")
            var minorBuffer = [CChar](repeating: 0, count: 256)
            let length = H5Eget_msg(entry.pointee.min_num, nil, &minorBuffer, minorBuffer.count)
            let minor = length > 0 ? String(cString: minorBuffer) : ""
            var line = description
            if !minor.isEmpty && minor.lowercased() != description.lowercased() {
                line += line.isEmpty ? minor : " (\(minor.lowercased()))"
            }
            if !line.isEmpty && box.lines.last != line { box.lines.append(line) }
            return 0
        }
        let context = Unmanaged.passUnretained(collector).toOpaque()
        _ = H5Ewalk2(nash_H5E_DEFAULT(), H5E_WALK_DOWNWARD, walker, context)
        _ = H5Eclear2(nash_H5E_DEFAULT())
        return collector.lines
    }
}

/// The file and object an operation is about; every error names both.
struct H5Site {
    var file: String
    var object: String?

    /// Throws an `H5Error` carrying HDF5's error stack when `status` is negative, else returns it.
    @discardableResult
    func check<T: BinaryInteger>(_ status: T, _ summary: @autoclosure () -> String) throws -> T {
        if status < 0 { throw failure(summary()) }
        return status
    }

    /// An error for a failed libhdf5 call, taking HDF5's error stack.
    func failure(_ summary: String, kind: H5Error.Kind = .library) -> H5Error {
        H5Error(kind: kind, summary: summary, file: file, object: object,
                stack: HDF5Library.takeErrorStack())
    }

    /// An error found by NashStore itself (no HDF5 stack involved).
    func error(_ kind: H5Error.Kind, _ summary: String) -> H5Error {
        H5Error(kind: kind, summary: summary, file: file, object: object, stack: [])
    }

    func at(_ object: String) -> H5Site { H5Site(file: file, object: object) }
}
