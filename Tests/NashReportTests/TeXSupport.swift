import Foundation

/// Real `pdflatex` (Debian texlive-latex-base, texlive-latex-recommended, texlive-pictures).
enum PDFLaTeX {
    static let path = "/usr/bin/pdflatex"

    /// Compiles `file` (in its folder) and returns the PDF's bytes; throws with the log's errors.
    static func compile(_ file: String) throws -> Data {
        let folder = (file as NSString).deletingLastPathComponent
        let name = (file as NSString).lastPathComponent
        let result = try runInterleaved(path, ["-interaction=nonstopmode", "-halt-on-error", name], in: folder)
        let pdf = folder + "/" + (name as NSString).deletingPathExtension + ".pdf"
        guard result.status == 0, let data = FileManager.default.contents(atPath: pdf) else {
            let errors = result.output.split(separator: "\n").filter { $0.hasPrefix("!") || $0.contains("Error") }
            throw ProgramFailure(output: "pdflatex \(name) failed (\(result.status)): " + errors.joined(separator: "\n"))
        }
        return data
    }

    /// The number of pages pdflatex reports for the last compile of `file` ("Output written on x.pdf (1 page, …").
    static func pages(_ file: String) throws -> Int {
        let log = (file as NSString).deletingPathExtension + ".log"
        let text = try String(contentsOfFile: log, encoding: .isoLatin1).replacingOccurrences(of: "\n", with: "")
        guard let range = text.range(of: "Output written on ") else { return 0 }
        let rest = text[range.upperBound...]
        guard let open = rest.firstIndex(of: "(") else { return 0 }
        return Int(rest[rest.index(after: open)...].prefix { $0.isNumber }) ?? 0
    }
}
