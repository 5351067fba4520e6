/// The reproducibility stamp of one run, as every export carries it: which spec, which seed, which
/// numbers (the digest), and which build and kernel made them.
public struct Stamp: Equatable {
    public var scenario: String
    public var variant: String
    public var seed: UInt64
    public var status: String
    public var specHash: String
    /// `digest_sha256`, or `-` for a run that did not complete.
    public var digest: String
    public var nashVersion: String
    /// The first line of `swift --version`.
    public var swiftVersion: String
    public var kernel: String
    public var created: String
    public var file: String

    public init(_ run: ExportRun, variant: String) {
        scenario = run.scenario
        self.variant = variant
        seed = run.seed
        status = run.record.status.rawValue
        specHash = run.header.specHash
        digest = run.digest ?? "-"
        nashVersion = run.header.nashVersion
        swiftVersion = run.header.swiftVersion.split(separator: "\n").first.map(String.init) ?? ""
        kernel = run.header.kernel
        created = run.header.created
        file = run.path
    }

    /// Field names, in the order of `values`.
    public static let fields = ["scenario", "variant", "seed", "status", "spec_sha256", "digest_sha256",
                                "nash_version", "swift_version", "kernel", "created", "file"]

    public var values: [String] {
        [scenario, variant, "\(seed)", status, specHash, digest, nashVersion, swiftVersion, kernel, created, file]
    }

    /// `scenario=ring8 variant=base seed=1 … file=…`: one line for a comment.
    public var line: String { zip(Self.fields, values).map { "\($0)=\($1)" }.joined(separator: " ") }

    /// The stamps of every run of `group`, variant by variant, seeds ascending.
    public static func all(_ group: ScenarioGroup) -> [Stamp] {
        group.variants.flatMap { variant in variant.runs.map { Stamp($0, variant: variant.name) } }
    }
}
