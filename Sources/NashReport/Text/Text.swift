import Foundation

/// Escaping and number formatting shared by the formats. Every output is a pure function of the
/// runs and the options, so two exports of the same runs give the same bytes.
enum Text {
    /// Ascending order of UTF-8 bytes: what HDF5 lists and what stays the same under every locale.
    static func byteOrder(_ a: String, _ b: String) -> Bool { Array(a.utf8).lexicographicallyPrecedes(b.utf8) }

    /// The shortest text that reads back as the same Double (`0.1`, `1e-05`, `nan`, `inf`): what the
    /// CSV and the PGFPlots data files hold.
    static func exact(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// Shortest round-trip form of a parameter a person typed (α = 0.1 shows as `0.1`).
    static func number(_ x: Double) -> String { exact(x) }

    /// Four significant digits, for tables and labels (`0.6931`, `1.2e-05`, `25000`).
    static func short(_ x: Double, digits: Int = 4) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        return String(format: "%.\(digits)g", x)
    }

    /// Text safe inside XML and HTML elements and attribute values.
    static func xml(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // NB: XML 1.0 forbids most control characters even as references; they become U+FFFD.
            case "\t", "\n", "\r": out.unicodeScalars.append(c)
            case _ where c.value < 0x20: out += "\u{FFFD}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Text safe in LaTeX's text mode: the ten special characters escaped, α spelt `$\alpha$`.
    static func tex(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\textbackslash{}"
            case "{", "}", "$", "&", "#", "_", "%": out += "\\" + String(c)
            case "^": out += "\\textasciicircum{}"
            case "~": out += "\\textasciitilde{}"
            case "α": out += "$\\alpha$"
            case "±": out += "$\\pm$"
            case "−": out += "-"
            default: out.append(c)
            }
        }
        return out
    }

    /// A file name part for `name`: letters, digits, `.`, `_` and `-` kept, anything else (the `/` of
    /// `loss/D`) becomes `-`: `loss/D` → `loss-D`.
    static func fileName(_ name: String) -> String {
        let kept = name.unicodeScalars.map { c -> String in
            (c.isASCII && (CharacterSet.alphanumerics.contains(c) || c == "." || c == "_" || c == "-")) ? String(c) : "-"
        }.joined()
        let trimmed = kept.hasPrefix(".") ? "-" + kept.dropFirst() : kept
        return trimmed.isEmpty ? "-" : trimmed
    }
}

/// Hands out distinct file names: the second `loss-D` (from `loss/D` and `loss-D`) becomes `loss-D-2`.
struct FileNames {
    private var used = Set<String>()

    mutating func unique(_ name: String, suffix: String = "") -> String {
        var candidate = Text.fileName(name), n = 1
        while !used.insert(candidate + suffix).inserted {
            n += 1
            candidate = Text.fileName(name) + "-\(n)"
        }
        return candidate + suffix
    }
}
