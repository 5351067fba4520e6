/// The seeds of one variant of a scenario (one spec): the unit that curves aggregate over.
public struct VariantGroup {
    /// The label of a scenario's own runs (not a `base/variant` scenario).
    public static let baseName = "base"

    /// `base`, the variant's name, or `name@spec8` when one name ran with several specs in the folder.
    public let name: String
    public let specHash: String
    /// Runs in ascending seed order.
    public let runs: [ExportRun]

    /// Curve names recorded by any of its runs, curves before evaluations.
    public var curveNames: [String] {
        var seen = Set<String>(), names = [String]()
        for run in runs { for name in run.curveNames where seen.insert(name).inserted { names.append(name) } }
        return names
    }
}

/// All variants and seeds of one scenario: what one figure, table or HTML report shows.
public struct ScenarioGroup {
    public let name: String
    /// The base scenario first, then the variants in the order of their names.
    public let variants: [VariantGroup]

    public var runs: [ExportRun] { variants.flatMap(\.runs) }

    /// The scenario file's text, from the first run that stored one.
    public var source: String? { runs.lazy.compactMap(\.header.source).first }

    /// Curve names recorded by any run: curves before evaluations, first appearance first.
    public var curveNames: [String] {
        var seen = Set<String>(), names = [String]()
        for variant in variants { for name in variant.curveNames where seen.insert(name).inserted { names.append(name) } }
        return names
    }
}
