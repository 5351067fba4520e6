import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file's content so that at every instant the path holds either the complete old content
/// or the complete new content, even if the process is killed or the machine loses power.
///
/// The protocol (POSIX): write the bytes to `temporary` in the same directory, `fsync` it, `rename` it
/// over `path` (atomic on one file system), then `fsync` the directory so the rename itself is durable.
enum AtomicReplace {
    static func replace(_ path: String, with bytes: [UInt8], temporary: String) throws {
        let site = H5Site(file: path, object: nil)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ioError(site, "cannot create \(temporary)") }
        var closed = false
        defer { if !closed { close(fd) } }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ioError(site, "cannot write \(temporary)")
                }
                offset += written
            }
        }
        guard fsync(fd) == 0 else { throw ioError(site, "cannot sync \(temporary)") }
        closed = true
        guard close(fd) == 0 else { throw ioError(site, "cannot close \(temporary)") }
        guard rename(temporary, path) == 0 else { throw ioError(site, "cannot rename \(temporary) over the file") }
        try syncDirectory(of: path, site)
    }

    /// Makes a rename in the directory of `path` durable.
    static func syncDirectory(of path: String, _ site: H5Site) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw ioError(site, "cannot open the directory") }
        defer { close(fd) }
        // NB: some file systems refuse fsync on a directory (EINVAL); the rename is then as durable as
        // that file system makes it, which is all we can ask.
        if fsync(fd) != 0 && errno != EINVAL { throw ioError(site, "cannot sync the directory") }
    }

    static func ioError(_ site: H5Site, _ summary: String) -> H5Error {
        let code = errno
        return H5Error(kind: .io, summary: summary, file: site.file, object: nil,
                       stack: [String(cString: strerror(code)) + " (errno \(code))"])
    }
}
