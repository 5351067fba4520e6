import Foundation

/// Reads run files (DESIGN.md §5) back: everything into a `RunRecord`, or a cheap `RunSummary`.
///
/// Every entry point first checks the file: it exists, is HDF5, opens (not truncated), has
/// `format = "nash-run"` and a `format_version` this build reads. Each failure is one `RunFileError`
/// naming the file and the cause; so is any later breach of the layout (a curve shorter than its steps,
/// a float32 where float64 belongs).
public enum RunFileReader {
    /// Everything the file holds, with exactly the numbers written: `read(path:).digest()` is the
    /// digest of the recording. Arrays of a group come in ascending byte order of their names.
    public static func read(path: String) throws -> RunRecord {
        let file = try open(path)
        defer { try? file.close() }
        do { return try record(in: file) } catch { throw RunFileError.damaged(path, error) }
    }

    /// Checks that `path` is a run file this build reads, without reading its records.
    public static func validate(path: String) throws {
        try open(path).close()
    }

    // MARK: opening and checking

    /// Opens `path` read-only after the checks above. The caller closes the file.
    static func open(_ path: String) throws -> H5File {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RunFileError(.notFound, file: path, "no such file")
        }
        if isDirectory.boolValue { throw RunFileError(.notFound, file: path, "is a directory, not a run file") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if size == 0 { throw RunFileError(.notHDF5, file: path, "empty file, not an HDF5 file") }
        guard H5File.isHDF5(path: path) else { throw RunFileError(.notHDF5, file: path, "not an HDF5 file") }
        let file: H5File
        do {
            file = try H5File(path: path, mode: .readOnly)
        } catch {
            throw RunFileError(.damaged, file: path, "damaged or truncated HDF5 file (\(innermost(error)))")
        }
        do {
            try checkFormat(file)
        } catch {
            try? file.close()
            throw error
        }
        return file
    }

    /// Throws unless `file` says it is a Nash run of the version this build reads.
    static func checkFormat(_ file: H5File) throws {
        let path = file.filePath
        do {
            guard try file.hasAttribute(RunFileLayout.Attribute.format) else {
                throw RunFileError(.notARunFile, file: path, "not a Nash run file (no \"format\" attribute)")
            }
            let format = try file.attribute(RunFileLayout.Attribute.format)
            guard format == .string(RunFileLayout.format) else {
                let shown: String
                if case .string(let s) = format { shown = s.debugDescription } else { shown = "a " + format.typeName }
                throw RunFileError(.notARunFile, file: path,
                                   "not a Nash run file (format is \(shown), not \"\(RunFileLayout.format)\")")
            }
            guard try file.hasAttribute(RunFileLayout.Attribute.formatVersion) else {
                throw RunFileError(.damaged, file: path, "damaged run file: no \"format_version\" attribute")
            }
            let version = try file.attribute(RunFileLayout.Attribute.formatVersion)
            guard version == .int64(RunFileLayout.formatVersion) else {
                let shown: String
                if case .int64(let v) = version { shown = String(v) } else { shown = "of type " + version.typeName }
                throw RunFileError(.unsupportedVersion, file: path,
                                   "run file format_version \(shown) is not supported (this Nash reads \(RunFileLayout.formatVersion))")
            }
        } catch {
            throw RunFileError.damaged(path, error)
        }
    }

    /// HDF5's innermost message for an open failure ("truncated file: eof = …"), the most specific one.
    static func innermost(_ error: Error) -> String {
        guard let error = error as? H5Error else { return "\(error)" }
        return "HDF5: " + (error.stack.last ?? error.summary)
    }

    // MARK: reading (any open run file, on disk or the writer's in-memory one)

    static func record(in file: H5File) throws -> RunRecord {
        let record = RunRecord()
        record.header = try header(in: file)
        record.status = try status(in: file)
        record.reference = try namedArray(in: file, at: RunFileLayout.reference)
        record.curves = try series(in: file, at: RunFileLayout.curves)
        record.evals = try series(in: file, at: RunFileLayout.evals)
        record.sampleLatents = try namedArray(in: file, at: RunFileLayout.sampleLatents)
        (record.sampleSteps, record.samples) = try samples(in: file)
        (record.trajectorySteps, record.trajectory) = try trajectory(in: file)
        record.checkpoints = try RunFileLayout.checkpointSteps(in: file).map { try checkpoint($0, in: file) }
        if try file.exists(RunFileLayout.diagnosis) { record.diagnosisJSON = try file.readString(RunFileLayout.diagnosis) }
        return record
    }

    static func header(in file: H5File) throws -> RunHeader {
        typealias A = RunFileLayout.Attribute
        let source = try file.exists(RunFileLayout.source) ? try file.readString(RunFileLayout.source) : nil
        return RunHeader(scenario: try file.attribute(A.scenario, as: String.self),
                         seed: UInt64(bitPattern: try file.attribute(A.seed, as: Int64.self)),
                         specJSON: try file.readString(RunFileLayout.spec),
                         specHash: try file.attribute(A.specHash, as: String.self),
                         source: source,
                         totalSteps: try file.attribute(A.totalSteps, as: Int.self),
                         nashVersion: try file.attribute(A.nashVersion, as: String.self),
                         swiftVersion: try file.attribute(A.swiftVersion, as: String.self),
                         kernel: try file.attribute(A.kernel, as: String.self),
                         created: try file.attribute(A.created, as: String.self))
    }

    static func status(in file: H5File) throws -> RunStatus {
        let text = try file.attribute(RunFileLayout.Attribute.status, as: String.self)
        guard let status = RunStatus(rawValue: text) else {
            throw RunFileError(.damaged, file: file.filePath, "damaged run file: status \(text.debugDescription) is not one of "
                               + RunStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return status
    }

    /// The steps of a step dataset (int64, rank 1).
    static func steps(in file: H5File, at path: String) throws -> [Int] {
        try file.read(path, as: Int64.self, rank: 1).values.map { Int($0) }
    }

    /// A series group: its step dataset and one float64 curve per other dataset below it.
    static func series(in file: H5File, at path: String) throws -> RunRecord.Series {
        var series = RunRecord.Series()
        guard try file.exists(path) else { return series }
        let steps = try self.steps(in: file, at: path + "/" + RunFileLayout.stepName)
        // NB: a series cut back to zero rows by `resume` reads as never recorded, like a fresh record.
        guard !steps.isEmpty else { return series }
        series.steps = steps
        let group = try file.group(path)
        for name in try RunFileLayout.datasetNames(in: group, excluding: [RunFileLayout.stepName]) {
            let values = try group.read(name, as: Double.self, rank: 1).values
            try expectRows(values.count, steps.count, "\(path)/\(name)", file)
            series.values[name] = values
        }
        return series
    }

    /// A fixed array dataset and its recorded name, or nil when absent.
    static func namedArray(in file: H5File, at path: String) throws -> NamedArray? {
        guard try file.exists(path) else { return nil }
        let dataset = try file.dataset(path)
        let array = try dataset.read(Float.self)
        return NamedArray(name: try arrayName(of: dataset), shape: array.shape, values: array.values)
    }

    static func arrayName(of dataset: H5Dataset) throws -> String {
        try dataset.hasAttribute(RunFileLayout.Attribute.arrayName)
            ? try dataset.attribute(RunFileLayout.Attribute.arrayName, as: String.self)
            : H5Path.name(dataset.path)
    }

    static func samples(in file: H5File) throws -> ([Int], [NamedArray]) {
        guard try file.exists(RunFileLayout.sampleSteps) else { return ([], []) }
        let steps = try self.steps(in: file, at: RunFileLayout.sampleSteps)
        let dataset = try file.dataset(RunFileLayout.sampleValues)
        let rows = try splitRows(try dataset.read(Float.self), count: steps.count, dataset.path, file)
        let name = try arrayName(of: dataset)
        return (steps, rows.map { NamedArray(name: name, shape: $0.shape, values: $0.values) })
    }

    static func trajectory(in file: H5File) throws -> ([Int], [(generator: [NamedArray], discriminator: [NamedArray])]) {
        guard try file.exists(RunFileLayout.trajectorySteps) else { return ([], []) }
        let steps = try self.steps(in: file, at: RunFileLayout.trajectorySteps)
        func network(_ path: String) throws -> [[NamedArray]] {
            var perStep = [[NamedArray]](repeating: [], count: steps.count)
            guard try file.exists(path) else { return perStep }
            let group = try file.group(path)
            for name in try RunFileLayout.datasetNames(in: group) {
                let rows = try splitRows(try group.read(name, as: Float.self), count: steps.count,
                                         path + "/" + name, file)
                for (index, row) in rows.enumerated() {
                    perStep[index].append(NamedArray(name: name, shape: row.shape, values: row.values))
                }
            }
            return perStep
        }
        let generator = try network(RunFileLayout.trajectoryGenerator)
        let discriminator = try network(RunFileLayout.trajectoryDiscriminator)
        return (steps, zip(generator, discriminator).map { (generator: $0, discriminator: $1) })
    }

    static func checkpoint(_ step: Int, in file: H5File) throws -> CheckpointRecord {
        let group = try file.group(RunFileLayout.checkpoint(step))
        func arrays(_ part: String) throws -> [NamedArray] {
            guard try group.exists(part) else { return [] }
            let partGroup = try group.group(part)
            return try RunFileLayout.datasetNames(in: partGroup).map { name in
                let array = try partGroup.read(name, as: Float.self)
                return NamedArray(name: name, shape: array.shape, values: array.values)
            }
        }
        return CheckpointRecord(step: step, generator: try arrays(RunFileLayout.generator),
                                discriminator: try arrays(RunFileLayout.discriminator),
                                optimizer: try arrays(RunFileLayout.optimizer))
    }

    /// Splits an array of shape [n, dims…] into its n rows of shape [dims…], checking n.
    static func splitRows(_ array: H5Array<Float>, count: Int, _ path: String,
                          _ file: H5File) throws -> [H5Array<Float>] {
        guard let rows = array.shape.first else {
            throw RunFileError(.damaged, file: file.filePath, "damaged run file: \(path) is a scalar, not one row per step")
        }
        try expectRows(rows, count, path, file)
        let shape = Array(array.shape.dropFirst())
        let size = shape.reduce(1, *)
        return (0..<rows).map { H5Array(shape: shape, values: Array(array.values[$0 * size ..< ($0 + 1) * size])) }
    }

    static func expectRows(_ rows: Int, _ steps: Int, _ path: String, _ file: H5File) throws {
        guard rows == steps else {
            throw RunFileError(.damaged, file: file.filePath, "damaged run file: \(path) holds \(rows) rows for \(steps) steps")
        }
    }
}
