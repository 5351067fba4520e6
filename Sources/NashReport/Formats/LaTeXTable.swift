import Foundation

/// `<scenario>-table.tex`: a booktabs table of final values, one row per variant, one column per
/// curve, each cell the mean ± sample standard deviation over seeds of each seed's last recorded
/// value (`FinalValue`; smoothed first with `--smooth`, and then the header says so). A single seed
/// shows its value alone; no finite value shows `--`. Only the `tabular` is written, so that a paper
/// puts it in its own `table` float with its own caption; it compiles on its own too (`TeXDocument`).
struct LaTeXTable {
    var group: ScenarioGroup
    var curves: [String]
    var smoothing: Smoothing?

    func tex() -> String {
        var body = "\\begin{tabular}{l r " + String(repeating: "c ", count: curves.count) + "}\n\\toprule\n"
        body += (["variant", "seeds"] + curves.map { "\\texttt{\(Text.tex($0))}" }).joined(separator: " & ") + " \\\\\n"
        let what = "final value, mean $\\pm$ std over seeds" + (smoothing.map { ", \(Text.tex($0.label))" } ?? "")
        body += " & & \\multicolumn{\(curves.count)}{c}{\\footnotesize \(what)} \\\\\n\\midrule\n"
        for variant in group.variants {
            var cells = [Text.tex(variant.name), "\(variant.runs.count)"]
            for curve in curves {
                guard let value = FinalValue(variant, curve: curve, smoothing: smoothing), value.count > 0 else {
                    cells.append("--")
                    continue
                }
                let std = value.std.map { " \\pm " + Self.number($0) } ?? ""
                let partial = value.count < variant.runs.count ? "^{(\(value.count))}" : ""
                cells.append("$" + Self.number(value.mean) + std + partial + "$")
            }
            body += cells.joined(separator: " & ") + " \\\\\n"
        }
        body += "\\bottomrule\n\\end{tabular}%\n"
        let comments = ["Nash table: \(group.name), final values of \(curves.joined(separator: ", ")).",
                        "A superscript (n) marks a cell with fewer seeds than the row (the others missing or not finite).",
                        "Standalone: pdflatex this file. In a paper: \\usepackage{booktabs}, then \\input this file inside a table float."]
            + Stamp.all(group).map { "run " + $0.line }
        return TeXDocument.wrap(comments: comments, preamble: ["\\usepackage[utf8]{inputenc}", "\\usepackage{booktabs}"], body: body)
    }

    /// Three significant digits; powers of ten in TeX (`1.2\times10^{-5}`).
    static func number(_ x: Double) -> String {
        let text = String(format: "%.3g", x)
        guard let e = text.firstIndex(of: "e") else { return text }
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        return "\(text[..<e])\\times10^{\(exponent)}"
    }
}
