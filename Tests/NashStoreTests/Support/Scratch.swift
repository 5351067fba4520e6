import Foundation

/// A fresh directory under the system temporary directory, removed when the value is released.
final class Scratch {
    let url: URL

    init(_ label: String = #function) {
        let name = "nashstore-" + label.filter { $0.isLetter || $0.isNumber } + "-" + UUID().uuidString.prefix(8)
        url = FileManager.default.temporaryDirectory.appendingPathComponent(String(name))
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
