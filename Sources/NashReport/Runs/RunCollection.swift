import Foundation
import NashStore

/// The runs an export covers: one run file, or every `*.h5` run file below a folder, grouped by
/// scenario (`ring8` and its variants `ring8/…`) and variant, seeds in ascending order.
public struct RunCollection {
    /// The file or folder the export started from.
    public let input: String
    public let isDirectory: Bool
    /// Scenarios in ascending order of name.
    public let scenarios: [ScenarioGroup]

    public var runs: [ExportRun] { scenarios.flatMap(\.runs) }

    /// Reads `path`: a run file, or a folder searched recursively for `*.h5` files. Replays made by
    /// `nash replay` (`*.replay.h5`) are skipped: they repeat a seed already present. Any file that is
    /// not a readable run file stops the export with that file's error.
    public static func load(_ path: String) throws -> RunCollection {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ExportError(file: path, "no such file or folder")
        }
        let paths = isDirectory.boolValue ? try runFiles(below: path) : [path]
        return try RunCollection(input: path, isDirectory: isDirectory.boolValue, runs: paths.map(ExportRun.read))
    }

    public init(input: String, isDirectory: Bool, runs: [ExportRun]) throws {
        self.input = input
        self.isDirectory = isDirectory
        var byScenario = [String: [ExportRun]]()
        for run in runs { byScenario[run.scenario, default: []].append(run) }
        scenarios = byScenario.keys.sorted(by: Text.byteOrder).map { Self.group($0, byScenario[$0]!) }
    }

    /// `*.h5` files below `folder` in ascending byte order of their paths, `*.replay.h5` excepted.
    static func runFiles(below folder: String) throws -> [String] {
        let relative = (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".h5") && !$0.hasSuffix(".replay.h5") }
            .sorted(by: Text.byteOrder)
        guard !relative.isEmpty else { throw ExportError(file: folder, "no run files (*.h5) found") }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return relative.map { prefix + $0 }
    }

    /// Variants of one scenario. Runs of one variant name with different specs (an edited scenario, a
    /// `--set`) are never averaged together: each spec becomes its own variant, named `name@spec8`.
    static func group(_ scenario: String, _ runs: [ExportRun]) -> ScenarioGroup {
        var bySpec = [String: [ExportRun]]()
        var hashesOfName = [String: Set<String>]()
        for run in runs {
            bySpec[run.variant + "\u{0}" + run.header.specHash, default: []].append(run)
            hashesOfName[run.variant, default: []].insert(run.header.specHash)
        }
        let variants = bySpec.values.map { runs -> VariantGroup in
            let first = runs[0]
            let ambiguous = hashesOfName[first.variant]!.count > 1
            let name = ambiguous ? "\(first.variant)@\(first.header.specHash.prefix(8))" : first.variant
            return VariantGroup(name: name, specHash: first.header.specHash,
                                runs: runs.sorted { ($0.seed, $0.path) < ($1.seed, $1.path) })
        }
        let sorted = variants.sorted { a, b in
            let aBase = a.runs[0].variant == VariantGroup.baseName, bBase = b.runs[0].variant == VariantGroup.baseName
            // NB: the base scenario first, so that it takes the first colour in every figure.
            if aBase != bBase { return aBase }
            return Text.byteOrder(a.name, b.name)
        }
        return ScenarioGroup(name: scenario, variants: sorted)
    }
}
