/// `<scenario>.tex` and `<scenario>-data/*.dat`: a PGFPlots `groupplot` with one axis per curve, two
/// per row. In each axis every variant is a line, the mean over its seeds, over a min–max band filled
/// between two invisible plots (`fillbetween` library). The data files hold `step mean min max seeds`
/// per (variant, curve), with the numbers the SVG and HTML draw.
///
/// The file compiles on its own (`pdflatex <scenario>.tex`, see `TeXDocument`) and can be `\input`
/// into a paper whose preamble has `\usepackage{pgfplots}`, `\usepgfplotslibrary{groupplots,fillbetween}`;
/// `\nashdatadir` (empty by default) is prepended to the data paths for a paper in another folder.
struct PGFFigure {
    var group: ScenarioGroup
    var curves: [String]
    var smoothing: Smoothing?

    func write(to folder: inout OutputFolder) throws {
        let base = folder.names.unique(group.name)
        let dataDir = base + "-data"
        var names = FileNames()
        var body = "\\providecommand\\nashdatadir{}\n"
        for (i, _) in group.variants.enumerated() { body += "\\definecolor{nashvariant\(i)}{HTML}{\(Palette.hex(i))}\n" }
        let columns = curves.count > 1 ? 2 : 1, rows = (curves.count + 1) / 2
        body += "\\begin{tikzpicture}\n\\begin{groupplot}[group style={group size=\(columns) by \(max(rows, 1)), horizontal sep=2.2cm, vertical sep=2cm},\n"
        body += "  width=7cm, height=5cm, xlabel={step}, grid=major, grid style={gray!20}, tick label style={font=\\small},\n"
        body += "  label style={font=\\small}, title style={font=\\small}, legend style={font=\\small}]\n"
        for (c, curve) in curves.enumerated() {
            let label = Text.tex(curve) + (smoothing.map { " (" + Text.tex($0.label) + ")" } ?? "")
            var options = ["title={\(label)}", "ylabel={\(label)}"]
            let isLast = c == curves.count - 1
            if isLast {
                options.append("legend style={at={(0,-0.32)}, anchor=north west, legend columns=-1, /tikz/every even column/.append style={column sep=0.4cm}}")
            }
            body += "\\nextgroupplot[\(options.joined(separator: ", "))]\n"
            for (v, variant) in group.variants.enumerated() {
                let band = SeedBand(variant, curve: curve, smoothing: smoothing)
                guard !band.isEmpty else { continue }
                let file = dataDir + "/" + names.unique(variant.name + "-" + curve, suffix: ".dat")
                try folder.write(file, Self.data(band))
                let path = "\\nashdatadir \(file)"
                let id = "nash-c\(c)-v\(v)"
                body += "\\addplot[name path=\(id)-max, draw=none, forget plot] table[x=step, y=max] {\(path)};\n"
                body += "\\addplot[name path=\(id)-min, draw=none, forget plot] table[x=step, y=min] {\(path)};\n"
                body += "\\addplot[fill=nashvariant\(v), fill opacity=0.2, draw=none, forget plot] fill between[of=\(id)-max and \(id)-min];\n"
                body += "\\addplot[color=nashvariant\(v), thick, mark=none\(isLast ? "" : ", forget plot")] table[x=step, y=mean] {\(path)};\n"
                if isLast {
                    let seeds = variant.runs.count == 1 ? "1 seed" : "\(variant.runs.count) seeds"
                    body += "\\addlegendentry{\(Text.tex(variant.name)) (\(seeds))}\n"
                }
            }
        }
        body += "\\end{groupplot}\n\\end{tikzpicture}%\n"
        let comments = ["Nash figure: \(group.name), curves \(curves.joined(separator: ", ")); lines are seed means, bands seed min–max.",
                        "Smoothing: " + (smoothing.map { $0.label + " per seed, before the mean" } ?? "none") + ".",
                        "Standalone: pdflatex \(base).tex. In a paper: \\usepackage{pgfplots} \\usepgfplotslibrary{groupplots,fillbetween},",
                        "then \\input{\(base).tex}; set \\def\\nashdatadir{<folder of this file>/} when it lies elsewhere."]
            + Stamp.all(group).map { "run " + $0.line }
        let preamble = ["\\usepackage[utf8]{inputenc}", "\\usepackage{pgfplots}",
                        "\\usepgfplotslibrary{groupplots,fillbetween}", "\\pgfplotsset{compat=1.18}"]
        try folder.write(base + ".tex", TeXDocument.wrap(comments: comments, preamble: preamble, body: body))
    }

    /// `step mean min max seeds`, one row per step, exact numbers.
    static func data(_ band: SeedBand) -> String {
        var out = "step mean min max seeds\n"
        for p in band.points {
            out += "\(p.step) \(Text.exact(p.mean)) \(Text.exact(p.min)) \(Text.exact(p.max)) \(p.count)\n"
        }
        return out
    }
}
