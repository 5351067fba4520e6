/// The names of DESIGN.md §5 in one place: attributes, groups, the format and its version, and the
/// rules a recorded name must follow to become an HDF5 path and come back unchanged.
enum RunFileLayout {
    static let format = "nash-run"
    /// The version this build writes and the only one it reads. Bump it when a reader of the old
    /// layout would misread the new one; adding an optional group does not need a bump.
    static let formatVersion: Int64 = 1

    enum Attribute {
        static let format = "format", formatVersion = "format_version", scenario = "scenario",
                   seed = "seed", status = "status", specHash = "spec_sha256", digest = "digest_sha256",
                   nashVersion = "nash_version", swiftVersion = "swift_version", kernel = "kernel",
                   created = "created", totalSteps = "total_steps"
        /// On /data/reference, /samples/z and /samples/x: the `NamedArray.name` the recorder was given
        /// (it is part of the digest, and the dataset's own name is fixed by the layout).
        static let arrayName = "name"
        /// On each /checkpoints/<step> group: the step as int64, for h5py users who prefer attributes.
        static let step = "step"
    }

    static let spec = "/spec", source = "/source", diagnosis = "/diagnosis"
    static let curves = "/curves", evals = "/evals"
    static let reference = "/data/reference"
    static let samples = "/samples", sampleSteps = "/samples/step", sampleLatents = "/samples/z",
               sampleValues = "/samples/x"
    static let trajectory = "/trajectory", trajectorySteps = "/trajectory/step",
               trajectoryGenerator = "/trajectory/generator",
               trajectoryDiscriminator = "/trajectory/discriminator"
    static let checkpoints = "/checkpoints"
    /// Each series group (curves, evals) holds its steps here; every other dataset below it is a curve.
    static let stepName = "step"
    /// The parts of a checkpoint group.
    static let generator = "generator", discriminator = "discriminator", optimizer = "optimizer"

    /// The group of the checkpoint at `step`: plain decimal (`/checkpoints/5000`), so that
    /// `f['checkpoints/5000']` reads as it is said and `sorted(f['checkpoints'], key=int)` iterates in
    /// step order. NB: HDF5 lists members in byte order ("10000" before "5000"); readers sort by value.
    static func checkpoint(_ step: Int) -> String { checkpoints + "/" + String(step) }

    /// Why `name` cannot be stored as a path below a group, or nil if it can. A name is one or more
    /// non-empty components separated by single "/", none of them "." or "..", without NUL.
    static func problem(with name: String) -> String? {
        if name.isEmpty { return "an empty name" }
        if name.utf8.contains(0) { return "a name with a NUL character" }
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        if components.contains(where: { $0.isEmpty }) { return "a name with an empty path component" }
        if components.contains(where: { $0 == "." || $0 == ".." }) { return "a name with a \".\" or \"..\" component" }
        return nil
    }

    /// Checks that every name of one group can be stored and read back: valid, distinct, none a
    /// path prefix of another (`loss` and `loss/D` cannot both be datasets), none in `reserved`.
    static func checkNames(_ names: [String], reserved: Set<String> = [], in group: String,
                           file: String) throws {
        for name in names {
            if let problem = problem(with: name) {
                throw RunFileError(.invalidRecord, file: file, "\(group): cannot store \(problem): \(name.debugDescription)")
            }
            if reserved.contains(name) {
                throw RunFileError(.invalidRecord, file: file, "\(group): the name \(name.debugDescription) is reserved")
            }
        }
        let sorted = names.sorted()
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            if a == b {
                throw RunFileError(.invalidRecord, file: file, "\(group): the name \(a.debugDescription) appears twice")
            }
            if b.hasPrefix(a + "/") {
                throw RunFileError(.invalidRecord, file: file,
                                   "\(group): \(a.debugDescription) cannot be both a dataset and the group of \(b.debugDescription)")
            }
        }
    }

    /// The paths, relative to `group`, of every dataset below it, in ascending byte order (the order
    /// `RunDigest` uses), skipping the relative paths in `excluding`.
    static func datasetNames(in group: H5Group, excluding: Set<String> = []) throws -> [String] {
        var names: [String] = []
        func walk(_ container: H5Container, _ prefix: String) throws {
            for member in try container.members() {
                let name = prefix + member.name
                switch member.kind {
                case .dataset: if !excluding.contains(name) { names.append(name) }
                case .group: try walk(try container.group(member.name), name + "/")
                case .other: continue
                }
            }
        }
        try walk(group, "")
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The checkpoint steps of a file, ascending; a member that is not a decimal step is damage.
    static func checkpointSteps(in file: H5File) throws -> [Int] {
        guard try file.exists(checkpoints) else { return [] }
        return try file.group(checkpoints).members().map { member in
            guard member.kind == .group, let step = Int(member.name), String(step) == member.name else {
                throw RunFileError(.damaged, file: file.filePath,
                                   "damaged run file: \(checkpoints)/\(member.name) is not a checkpoint step group")
            }
            return step
        }.sorted()
    }
}
