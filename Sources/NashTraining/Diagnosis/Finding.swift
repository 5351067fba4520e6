import Foundation

/// One diagnosis finding: what happened, over which steps, in one sentence, and the numbers behind it.
/// A list of findings is stored as JSON in a run file's `/diagnosis` and printed by `nash show`:
///
///     [{"evidence":{"hops":5,"mode_count":8},"first_step":2000,"kind":"mode_hopping",
///       "last_step":9000,"summary":"The dominant mode changed 5 times …"}]
public struct Finding: Codable, Equatable, Sendable {
    /// What was found. Raw values are the JSON spelling.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A recorded value became NaN or ±Inf.
        case divergence
        /// G's gradient collapsed while D rejected nearly every fake.
        case vanishingGradients = "vanishing_gradients"
        /// G covered few of the data's modes for a sustained period.
        case modeCollapse = "mode_collapse"
        /// The dominant mode kept changing while few modes were covered.
        case modeHopping = "mode_hopping"
        /// Losses or D accuracy kept swinging without settling: failure to converge.
        case oscillation
        /// D's accuracy sat near 50%: the (often fleeting) convergence window, with the best checkpoint.
        case convergenceWindow = "convergence_window"

        /// True for every kind except the convergence window, which is good news.
        public var isFailure: Bool { self != .convergenceWindow }
    }

    /// What was found.
    public let kind: Kind
    /// First step of the range the finding covers.
    public let firstStep: Int
    /// Last step of the range (inclusive).
    public let lastStep: Int
    /// One short sentence for a person.
    public let summary: String
    /// The supporting numbers by name, all finite. Per-series statistics are named `<series>:<statistic>`
    /// (e.g. `gradnorm/G:peak`), others in snake_case (e.g. `best_checkpoint_step`).
    public let evidence: [String: Double]

    public init(kind: Kind, firstStep: Int, lastStep: Int, summary: String, evidence: [String: Double]) {
        precondition(firstStep <= lastStep, "Finding: step range \(firstStep)...\(lastStep) is reversed")
        precondition(evidence.values.allSatisfy(\.isFinite), "Finding: evidence must be finite: \(evidence)")
        self.kind = kind
        self.firstStep = firstStep
        self.lastStep = lastStep
        self.summary = summary
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case kind, firstStep = "first_step", lastStep = "last_step", summary, evidence
    }

    /// The findings as a JSON list with sorted keys, so equal findings always give equal bytes.
    public static func encodeList(_ findings: [Finding], pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(findings), as: UTF8.self)
    }

    /// Reads a JSON list written by ``encodeList(_:pretty:)``.
    public static func decodeList(_ json: String) throws -> [Finding] {
        try JSONDecoder().decode([Finding].self, from: Data(json.utf8))
    }
}
