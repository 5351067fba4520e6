import Foundation
import NashReport
import Testing

/// A folder of runs is grouped by scenario and variant with seeds in order; bad input is one error
/// that names the file and the cause.
struct RunCollectionTests {
    @Test func groupsScenarioVariantsAndSeeds() throws {
        let collection = try ReportFixture.collection()
        #expect(collection.scenarios.map(\.name) == ["ring"])
        let variants = collection.scenarios[0].variants
        #expect(variants.map(\.name) == ["base", "minimax"])
        #expect(variants.map { $0.runs.map(\.seed) } == [[1, 2], [1, 2]])
        #expect(variants[0].specHash != variants[1].specHash)
        #expect(Exporter.defaultOutput(for: collection) == ReportFixture.folder + "/export")

        let one = try RunCollection.load(variants[1].runs[0].path)
        #expect(one.runs.count == 1 && one.scenarios[0].variants[0].name == "minimax")
        #expect(Exporter.defaultOutput(for: one) == (variants[1].runs[0].path as NSString).deletingLastPathComponent + "/export")
    }

    @Test func finalValuesAreMeanAndSampleStd() throws {
        let variant = try ReportFixture.collection().scenarios[0].variants[0]
        let value = try #require(FinalValue(variant, curve: "modes"))
        let finals = variant.runs.map { $0.record.evals.values["modes"]!.last! }
        #expect(value.mean == (finals[0] + finals[1]) / 2)
        #expect(value.std == abs(finals[0] - finals[1]) / 2.squareRoot())
        #expect(value.count == 2)
    }

    @Test func unknownCurveNamesTheFileAndTheCurve() throws {
        let collection = try ReportFixture.collection()
        let error = try #require(throws: ExportError.self) {
            try Exporter.export(collection, ExportOptions(format: .csv, curves: ["loss/X"], output: ReportFixture.output("bad")))
        }
        #expect(error.file == collection.input)
        #expect(error.cause.hasPrefix("unknown curve \"loss/X\" (recorded: "))
        #expect(error.cause.contains("loss/D"))
    }

    @Test func notARunFileIsRefusedWithItsName() throws {
        let folder = ReportFixture.output("not-runs")
        try FileManager.default.createDirectory(atPath: folder + "/a", withIntermediateDirectories: true)
        try Data("not hdf5".utf8).write(to: URL(fileURLWithPath: folder + "/a/seed-1.h5"))
        let error = try #require(throws: (any Error).self) { try RunCollection.load(folder) }
        #expect("\(error)" == folder + "/a/seed-1.h5: not an HDF5 file")
        let empty = ReportFixture.output("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(throws: ExportError(file: empty, "no run files (*.h5) found")) { try RunCollection.load(empty) }
    }
}
