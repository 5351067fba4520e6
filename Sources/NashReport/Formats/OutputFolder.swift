import Foundation

/// The folder an export writes into; remembers the paths written, in order.
struct OutputFolder {
    let path: String
    private(set) var written: [String] = []
    var names = FileNames()

    init(_ path: String) throws {
        self.path = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        do {
            try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true)
        } catch {
            throw ExportError(file: path, "cannot create the output folder (\(error.localizedDescription))")
        }
    }

    /// Writes `text` as UTF-8 to `relative` (subfolders created) and returns the full path.
    @discardableResult
    mutating func write(_ relative: String, _ text: String) throws -> String {
        let full = path + "/" + relative
        do {
            let folder = (full as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full), options: .atomic)
        } catch {
            throw ExportError(file: full, "cannot write (\(error.localizedDescription))")
        }
        written.append(full)
        return full
    }

    /// Writes `text` to a file named after `name` (see `FileNames`), distinct from the others written.
    @discardableResult
    mutating func write(unique name: String, suffix: String, _ text: String) throws -> String {
        let file = names.unique(name, suffix: suffix)
        return try write(file, text)
    }
}
