import Foundation
import NashReport
import Testing

/// The PGFPlots figure compiles with real pdflatex, on its own and `\input` into a paper elsewhere,
/// and its data files hold the seed mean, minimum and maximum of the run files' curves.
struct PGFFigureTests {
    static let curves = ["loss/D", "D/accuracy_real", "modes"]

    @Test func compilesStandaloneAndInputIntoAPaper() throws {
        let out = ReportFixture.output("pgf")
        let written = try Exporter.export(try ReportFixture.collection(),
                                          ExportOptions(format: .pgf, curves: Self.curves, smoothing: Smoothing(alpha: 0.3), output: out))
        let tex = try #require(written.first { $0.hasSuffix(".tex") })
        #expect(tex == out + "/ring.tex")
        // Two variants × three curves.
        #expect(written.filter { $0.hasSuffix(".dat") }.count == 6)
        let source = try String(contentsOfFile: tex, encoding: .utf8)
        #expect(source.contains("\\begin{groupplot}"))
        #expect(source.contains("fill between[of="))
        #expect(source.contains("EMA $\\alpha$=0.3"))
        #expect(source.contains("% run scenario=ring variant=minimax seed=2"))
        #expect(source.contains("digest_sha256="))

        let pdf = try PDFLaTeX.compile(tex)
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        #expect(try PDFLaTeX.pages(tex) == 1)

        // A paper in another folder: its own preamble, the figure \input from export/ with \nashdatadir.
        let paper = ReportFixture.output("paper")
        try FileManager.default.createDirectory(atPath: paper, withIntermediateDirectories: true)
        let main = """
        \\documentclass{article}
        \\usepackage{pgfplots}
        \\usepgfplotslibrary{groupplots,fillbetween}
        \\pgfplotsset{compat=1.18}
        \\begin{document}
        Before the figure.
        \\begin{figure}[h]\\centering
        \\def\\nashdatadir{\(out)/}
        \\resizebox{\\linewidth}{!}{\\input{\(tex)}}
        \\caption{Curves.}
        \\end{figure}
        After the figure.
        \\end{document}
        """
        try main.write(toFile: paper + "/main.tex", atomically: true, encoding: .utf8)
        let paperPDF = try PDFLaTeX.compile(paper + "/main.tex")
        #expect(paperPDF.starts(with: Data("%PDF".utf8)))
        #expect(try PDFLaTeX.pages(paper + "/main.tex") == 1)
    }

    @Test func dataFilesHoldSeedMeanMinAndMax() throws {
        let collection = try ReportFixture.collection()
        let out = ReportFixture.output("pgf-data")
        _ = try Exporter.export(collection, ExportOptions(format: .pgf, curves: ["loss/G"], output: out))
        let rows = try String(contentsOfFile: out + "/ring-data/minimax-loss-G.dat", encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows[0] == ["step", "mean", "min", "max", "seeds"])
        let runs = collection.scenarios[0].variants[1].runs
        #expect(runs.map(\.seed) == [1, 2])
        let a = runs[0].record.curves, b = runs[1].record.curves
        #expect(rows.count - 1 == a.steps.count)
        for (i, row) in rows.dropFirst().enumerated() {
            let (x, y) = (a.values["loss/G"]![i], b.values["loss/G"]![i])
            #expect(Int(row[0]) == a.steps[i])
            #expect(Double(row[1]) == (x + y) / 2)
            #expect(Double(row[2]) == min(x, y) && Double(row[3]) == max(x, y))
            #expect(row[4] == "2")
        }
    }

    @Test func latexTableCompilesWithFinalMeansAndStds() throws {
        let collection = try ReportFixture.collection()
        let out = ReportFixture.output("latex")
        let written = try Exporter.export(collection, ExportOptions(format: .latex, output: out))
        #expect(written == [out + "/ring-table.tex"])
        let source = try String(contentsOfFile: written[0], encoding: .utf8)
        #expect(source.contains("\\toprule") && source.contains("\\midrule") && source.contains("\\bottomrule"))
        // Default columns: the evaluations, then D's accuracy and both losses.
        #expect(source.contains("\\texttt{modes} & \\texttt{reverse\\_kl}") || source.contains("\\texttt{high\\_quality} & \\texttt{modes}"))
        #expect(source.contains("\\texttt{loss/D}"))
        // The cell of loss/D for the base variant: mean ± std of the two seeds' last values.
        let finals = collection.scenarios[0].variants[0].runs.map { $0.record.curves.values["loss/D"]!.last! }
        let mean = (finals[0] + finals[1]) / 2
        let std = (pow(finals[0] - mean, 2) + pow(finals[1] - mean, 2)).squareRoot()
        let row = try #require(source.split(separator: "\n").first { $0.hasPrefix("base & 2 & ") })
        #expect(row.contains("$\(String(format: "%.3g", mean)) \\pm \(String(format: "%.3g", std))$"))
        #expect(source.split(separator: "\n").contains { $0.hasPrefix("minimax & 2 & ") })
        let pdf = try PDFLaTeX.compile(written[0])
        #expect(pdf.starts(with: Data("%PDF".utf8)))
    }
}
