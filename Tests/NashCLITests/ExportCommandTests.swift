import Foundation
import Testing

/// End-to-end: `nash export` on the run files `nash run` made prints the paths it wrote, and bad
/// input gets one line naming the file and the cause.
@Suite(.serialized)
struct ExportCommandTests {
    /// Two seeds of the tiny fixture, 20 rounds, under `results/`.
    static func runs(_ cli: CLI) throws {
        let file = try cli.fixture("Tiny.swift")
        let result = try cli.run(["run", file, "--seeds", "1,2", "--set", "steps=20"])
        try #require(result.status == 0, "\(result.stderr)")
    }

    @Test func exportsAFolderAndPrintsThePathsWritten() throws {
        let cli = try CLI()
        try Self.runs(cli)
        let csv = try cli.run(["export", "results", "--format", "csv", "--curves", "loss/D,modes"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout == "results/export/curves.csv\nresults/export/runs.csv\n")
        let check = try cli.python("""
        import csv, h5py, sys
        rows = list(csv.DictReader(l for l in open(sys.argv[1] + '/results/export/curves.csv') if not l.startswith('#')))
        runs = list(csv.DictReader(open(sys.argv[1] + '/results/export/runs.csv')))
        assert [r['seed'] for r in runs] == ['1', '2'], runs
        n = 0
        for r in runs:
            f = h5py.File(sys.argv[1] + '/' + r['file'], 'r')
            n += len(f['curves/step']) + len(f['evals/step'])
            mine = [float(x['value']) for x in rows if x['seed'] == r['seed'] and x['curve'] == 'loss/D']
            assert mine == list(f['curves/loss/D'][()]), mine
        assert n == len(rows), (n, len(rows))
        print('ok', len(rows))
        """, [cli.directory.path])
        #expect(check.stdout.hasPrefix("ok "), "\(check.stderr)")

        let html = try cli.run(["export", "results", "--format", "html", "--smooth", "0.5", "--out", "report"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout == "report/tiny.html\n")
        let page = try String(contentsOf: cli.directory.appendingPathComponent("report/tiny.html"), encoding: .utf8)
        #expect(page.contains("EMA α=0.5"))

        let one = cli.runFiles()[0]
        let svg = try cli.run(["export", one, "--format", "svg", "--curves", "D/accuracy"])
        #expect(svg.status == 0, "\(svg.stderr)")
        let folder = (one as NSString).deletingLastPathComponent + "/export/"
        #expect(svg.stdout.split(separator: "\n").first == Substring(folder + "tiny-D-accuracy.svg"))
    }

    @Test func badInputIsOneLineNamingTheFileAndTheCause() throws {
        let cli = try CLI()
        try Self.runs(cli)
        let run = cli.runFiles()[0]
        let garbage = try cli.write("notes.h5", "not an HDF5 file at all")
        let cases: [([String], [String])] = [
            (["export", garbage, "--format", "csv"], ["notes.h5", "not an HDF5 file"]),
            (["export", run, "--format", "pdf"], ["seed-1.h5", "unknown export format \"pdf\""]),
            (["export", run, "--format", "csv", "--curves", "loss/X"], ["seed-1.h5", "unknown curve \"loss/X\""]),
            (["export", run, "--format", "svg", "--steps", "7"], ["seed-1.h5", "no sample snapshot at step 7"]),
            (["export", run, "--format", "pgf", "--smooth", "2"], ["seed-1.h5", "--smooth"]),
            (["export", "nowhere", "--format", "csv"], ["nowhere", "no such file or folder"]),
        ]
        for (arguments, needles) in cases {
            let result = try cli.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("nash: "))
            for needle in needles { #expect(result.stderr.contains(needle), "\(arguments): \(result.stderr)") }
            #expect(result.stdout.isEmpty)
        }
    }
}
