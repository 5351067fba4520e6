import Foundation

/// A run's `/diagnosis` read as plain JSON (the list NashTraining's `Finding` writes): what the report
/// shows, without depending on the training module.
struct DiagnosisFinding: Decodable, Equatable {
    var kind: String
    var firstStep: Int
    var lastStep: Int
    var summary: String
    var evidence: [String: Double]

    enum CodingKeys: String, CodingKey {
        case kind, firstStep = "first_step", lastStep = "last_step", summary, evidence
    }

    /// Nil when the run has no diagnosis (it did not finish); throws on JSON that is not a findings list.
    static func list(of run: ExportRun) throws -> [DiagnosisFinding]? {
        guard let json = run.record.diagnosisJSON else { return nil }
        do {
            return try JSONDecoder().decode([DiagnosisFinding].self, from: Data(json.utf8))
        } catch {
            throw ExportError(file: run.path, "damaged run file: /diagnosis is not a list of findings (\(error))")
        }
    }
}
