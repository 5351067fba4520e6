import Foundation
import NashReport
import Testing

/// The SVG files parse as XML (Python's xml.etree) and draw what the runs recorded: one line per
/// variant per curve, every sample of every chosen snapshot, one histogram cell per step and mode.
struct SVGExportTests {
    @Test func chartsParseAndHoldOneLinePerVariant() throws {
        let collection = try ReportFixture.collection()
        let out = ReportFixture.output("svg")
        let written = try Exporter.export(collection, ExportOptions(format: .svg, curves: ["loss/D", "reverse_kl"],
                                                                    smoothing: Smoothing(alpha: 0.25), output: out))
        let names = written.map { ($0 as NSString).lastPathComponent }
        #expect(names.prefix(2) == ["ring-loss-D.svg", "ring-reverse_kl.svg"])
        // Per run (2 variants × 2 seeds): samples and the mode histogram.
        #expect(names.filter { $0.hasSuffix("-samples.svg") }.count == 4)
        #expect(names.filter { $0.hasSuffix("-modes.svg") }.count == 4)
        #expect(names.contains("ring-minimax-seed-2-samples.svg"))

        let script = """
        import sys, xml.etree.ElementTree as ET
        ns = {'s': 'http://www.w3.org/2000/svg'}
        for path in sys.argv[1:]:
            root = ET.parse(path).getroot()
            lines = root.findall(".//s:path[@class='line']", ns)
            bands = root.findall(".//s:path[@class='band']", ns)
            refs = root.findall(".//s:g[@class='reference']/s:circle", ns)
            samples = root.findall(".//s:g[@class='samples']/s:circle", ns)
            panels = root.findall(".//s:g[@class='panel']", ns)
            cells = root.findall(".//s:rect[@class='cell']", ns)
            texts = ' | '.join(''.join(t.itertext()) for t in root.iter('{http://www.w3.org/2000/svg}text'))
            meta = root.find('s:metadata', ns).text
            print(path.split('/')[-1], len(lines), len(bands), ','.join(l.get('data-variant') for l in lines),
                  len(refs), len(samples), len(panels), len(cells), 'digest_sha256=' in meta, texts.count('EMA α=0.25'), sep='|')
        """
        let report = try python(script, written).split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        let byName = Dictionary(uniqueKeysWithValues: report.map { ($0[0], Array($0.dropFirst())) })
        // Line charts: one line and one band per variant, axis and title say EMA α=0.25.
        #expect(byName["ring-loss-D.svg"] == ["2", "2", "base,minimax", "0", "0", "0", "0", "True", "2"])
        #expect(byName["ring-reverse_kl.svg"]?.prefix(3) == ["2", "2", "base,minimax"])

        // Samples: first, middle and last snapshot (steps 0, 20, 40), the reference in every panel.
        let run = collection.runs[0]
        let reference = run.record.reference!.shape[0]
        let samples = try #require(byName["ring-base-seed-1-samples.svg"])
        #expect(samples[3] == "\(3 * reference)")
        #expect(samples[5] == "3")
        let drawn = Int(samples[4])!
        let svg = try String(contentsOfFile: out + "/ring-base-seed-1-samples.svg", encoding: .utf8)
        let outside = svg.components(separatedBy: " outside)").dropLast().compactMap { Int($0.split(separator: "(").last!) }.reduce(0, +)
        #expect(drawn + outside == 3 * run.record.samples[0].shape[0])

        // Mode histogram: one cell per evaluation step and mode.
        let modes = try #require(byName["ring-base-seed-1-modes.svg"])
        #expect(modes[6] == "\(run.record.evals.steps.count * 8)")
    }

    @Test func chosenStepsAndDeterministicBytes() throws {
        let collection = try ReportFixture.collection()
        let first = ReportFixture.output("svg-a"), second = ReportFixture.output("svg-b")
        let a = try Exporter.export(collection, ExportOptions(format: .svg, curves: ["D/accuracy"], steps: [10, 30], output: first))
        let b = try Exporter.export(collection, ExportOptions(format: .svg, curves: ["D/accuracy"], steps: [10, 30], output: second))
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) { #expect(FileManager.default.contents(atPath: x) == FileManager.default.contents(atPath: y)) }
        let svg = try String(contentsOfFile: first + "/ring-base-seed-2-samples.svg", encoding: .utf8)
        #expect(svg.components(separatedBy: "<g class=\"panel\"").count - 1 == 2)
        #expect(svg.contains("data-step=\"10\"") && svg.contains("data-step=\"30\""))

        #expect(throws: ExportError.self) {
            try Exporter.export(collection, ExportOptions(format: .svg, steps: [7], output: first))
        }
    }
}
