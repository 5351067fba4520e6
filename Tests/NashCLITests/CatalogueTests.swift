import Foundation
import Testing

/// Every scenario file in `scenarios/` compiles, validates and trains for a few rounds.
struct CatalogueTests {
    static var catalogue: [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0.hasSuffix(".swift") }.sorted().map { root.appendingPathComponent($0).path }
    }

    @Test func catalogueIsNotEmpty() {
        #expect(CatalogueTests.catalogue.contains { $0.hasSuffix("/quickstart.swift") })
    }

    @Test(arguments: CatalogueTests.catalogue)
    func scenarioRunsForAFewSteps(_ file: String) throws {
        let cli = try CLI()
        let result = try cli.run(["run", file, "--steps", "5", "--seed", "1"])
        #expect(result.status == 0, "\(file): \(result.stderr)")
        #expect(!cli.runFiles().isEmpty)
        for path in cli.runFiles() {
            let show = try cli.run(["show", path])
            #expect(show.status == 0, "\(show.stderr)")
            #expect(show.stdout.contains("complete"))
        }
    }
}
