import Foundation
import NashReport
import NashStore
import Testing

/// `curves.csv` holds exactly the run files' numbers: checked against the files read with h5py.
struct CSVExportTests {
    @Test func rowsEqualTheRunFilesCurvesReadWithH5py() throws {
        let collection = try ReportFixture.collection()
        let out = ReportFixture.output("csv")
        let written = try Exporter.export(collection, ExportOptions(format: .csv, output: out))
        #expect(written == [out + "/curves.csv", out + "/runs.csv"])

        // Row count: every value of every curve and evaluation of every run, one row each.
        let runs = collection.runs
        #expect(runs.count == 4)
        let expected = runs.map { run in
            run.record.curves.values.count * run.record.curves.steps.count
                + run.record.evals.values.count * run.record.evals.steps.count
        }.reduce(0, +)
        let text = try String(contentsOfFile: out + "/curves.csv", encoding: .utf8)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.first == "scenario,variant,seed,step,curve,value")
        #expect(lines.count - 1 == expected)
        #expect(text.contains("# smoothing: none"))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("# run ") }.count == 4)

        // Independently of Nash: every value equals the float64 in the file it names, bit for bit,
        // and every value of every file appears.
        let check = """
        import csv, h5py, math, sys
        out = sys.argv[1]
        runs = {(r['scenario'], r['variant'], r['seed']): r for r in csv.DictReader(open(out + '/runs.csv'))}
        rows = list(csv.DictReader(l for l in open(out + '/curves.csv') if not l.startswith('#')))
        seen = {}
        for key, r in runs.items():
            f = h5py.File(r['file'], 'r')
            assert f.attrs['spec_sha256'] == r['spec_sha256'] and f.attrs['digest_sha256'] == r['digest_sha256']
            for group in ('curves', 'evals'):
                steps = f[group + '/step'][()]
                def visit(name, obj):
                    if isinstance(obj, h5py.Dataset) and name != 'step':
                        for s, v in zip(steps, obj[()]):
                            seen[key + (int(s), name)] = float(v)
                f[group].visititems(visit)
        assert len(rows) == len(seen), (len(rows), len(seen))
        for row in rows:
            want = seen.pop((row['scenario'], row['variant'], row['seed'], int(row['step']), row['curve']))
            got = float(row['value'])
            assert got == want or (math.isnan(got) and math.isnan(want)), (row, want)
        assert not seen
        print('ok', len(rows))
        """
        let result = try python(check, [out])
        #expect(result.trimmingCharacters(in: .whitespacesAndNewlines) == "ok \(expected)")
    }

    @Test func variantsAndSeedsAreLabelled() throws {
        let out = ReportFixture.output("csv-labels")
        _ = try Exporter.export(try ReportFixture.collection(),
                                ExportOptions(format: .csv, curves: ["loss/D", "modes"], output: out))
        let rows = try String(contentsOfFile: out + "/curves.csv", encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(Set(rows.map { "\($0[0]) \($0[1]) \($0[2])" }) == ["ring base 1", "ring base 2", "ring minimax 1", "ring minimax 2"])
        #expect(Set(rows.map { $0[4] }) == ["loss/D", "modes"])
        // One row per recorded step of loss/D and of modes, per run.
        let runs = try ReportFixture.collection().runs
        #expect(rows.count == runs.map { $0.record.curves.steps.count + $0.record.evals.steps.count }.reduce(0, +))
        #expect(runs[0].record.evals.steps == [0, 10, 20, 30, 40])
    }

    @Test func smoothingIsAnEMAAndIsLabelled() throws {
        let ema = try #require(Smoothing(alpha: 0.5))
        let smoothed = ema.apply([1, 2, .nan, 4])
        #expect(smoothed[0] == 1 && smoothed[1] == 1.5 && smoothed[2].isNaN && smoothed[3] == 2.75)
        #expect(Smoothing(alpha: 0) == nil && Smoothing(alpha: 1.5) == nil)
        #expect(ema.label == "EMA α=0.5")

        let collection = try ReportFixture.collection()
        let out = ReportFixture.output("csv-ema")
        _ = try Exporter.export(collection, ExportOptions(format: .csv, curves: ["loss/G"], smoothing: ema, output: out))
        let text = try String(contentsOfFile: out + "/curves.csv", encoding: .utf8)
        #expect(text.contains("# smoothing: EMA α=0.5"))
        let run = collection.runs[0]
        let raw = run.record.curves.values["loss/G"]!
        let values = text.split(separator: "\n").filter { $0.hasPrefix("ring,base,1,") }.map { Double($0.split(separator: ",")[5])! }
        #expect(values == ema.apply(raw))
    }
}
