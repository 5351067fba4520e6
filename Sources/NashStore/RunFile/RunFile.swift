import Foundation

/// The run file of DESIGN.md §5 as a `RunRecorder`: the runner records into it exactly as into an
/// in-memory `RunRecord`, and the file then holds the same numbers (`RunFileReader.read(path:)` gives
/// them back; both have the same `digest()`).
///
/// ```swift
/// let run = try RunFile.create(path: "results/ring8/1a2b3c4d/seed-1.h5")
/// try run.begin(header)                        // a flush point: the file exists, status "running"
/// try run.appendCurves(step: 10, ["loss/D": 0.69, "loss/G": 0.71])
/// try run.checkpoint(state)                    // a flush point
/// try run.finish(status: .complete, diagnosisJSON: "[]")   // digest_sha256, a flush point, closed
/// ```
///
/// Crash safety comes from the store's `RunFileWriter`: the file is built in memory and each flush
/// point (`begin`, `checkpoint`, `finish`, `markInterrupted`) atomically replaces the file on disk
/// with the complete image. A kill -9 at any moment therefore leaves the file of the last flush
/// point: it opens in h5py and `RunFileReader`, status "running", and `resume(path:)` continues it.
/// Records made after the last flush point exist only in memory until the next one.
///
/// Not thread-safe: record from one thread (for Ctrl-C, let the runner notice a flag between steps
/// and call `markInterrupted()` from its own thread).
public final class RunFile: RunRecorder {
    /// The run file's path.
    public let path: String
    /// The step of the last checkpoint recorded (or kept by `resume`), nil before the first.
    public internal(set) var lastCheckpointStep: Int?

    let writer: RunFileWriter
    var file: H5File { writer.file }
    /// Set by `begin`, or read back by `resume`.
    var header: RunHeader?
    let curves = RowAppender(group: RunFileLayout.curves, stepPath: RunFileLayout.curves + "/step")
    let evals = RowAppender(group: RunFileLayout.evals, stepPath: RunFileLayout.evals + "/step")
    let samples = RowAppender(group: RunFileLayout.samples, stepPath: RunFileLayout.sampleSteps)
    let trajectory = RowAppender(group: RunFileLayout.trajectory, stepPath: RunFileLayout.trajectorySteps)
    /// The `NamedArray.name` of the sample snapshots (one name for all of them).
    var sampleName: String?
    private var isClosed = false

    init(writer: RunFileWriter) {
        self.writer = writer
        path = writer.path
    }

    /// Starts a new run file at `path`, creating its parent directories. Nothing is written to disk
    /// before `begin`. An existing file at `path` is an error unless `replacing` is true (`--force`).
    public static func create(path: String, replacing: Bool = false) throws -> RunFile {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            return RunFile(writer: try RunFileWriter(path: path, replacing: replacing))
        } catch let error as H5Error where error.kind == .invalidArgument {
            throw RunFileError(.writeFailed, file: path, "a file exists already (pass replacing: true to replace it)")
        } catch {
            throw RunFileError.writeFailed(path, error)
        }
    }

    // MARK: RunRecorder

    /// Writes the root attributes, `/spec` and `/source`, then flushes. On a resumed file the header
    /// is there already: `begin` only checks that `header` names the same run (scenario, seed, spec).
    public func begin(_ header: RunHeader) throws {
        try writing {
            if let existing = self.header {
                guard existing.scenario == header.scenario, existing.seed == header.seed,
                      existing.specHash == header.specHash else {
                    throw RunFileError(.invalidRecord, file: path,
                                       "the file holds \(existing.scenario) seed \(existing.seed) spec \(existing.specHash), "
                                       + "not \(header.scenario) seed \(header.seed) spec \(header.specHash)")
                }
                return
            }
            typealias A = RunFileLayout.Attribute
            try file.setAttribute(A.format, RunFileLayout.format)
            try file.setAttribute(A.formatVersion, RunFileLayout.formatVersion)
            try file.setAttribute(A.scenario, header.scenario)
            try file.setAttribute(A.seed, Int64(bitPattern: header.seed))
            try file.setAttribute(A.status, RunStatus.running.rawValue)
            try file.setAttribute(A.specHash, header.specHash)
            try file.setAttribute(A.nashVersion, header.nashVersion)
            try file.setAttribute(A.swiftVersion, header.swiftVersion)
            try file.setAttribute(A.kernel, header.kernel)
            try file.setAttribute(A.created, header.created)
            try file.setAttribute(A.totalSteps, Int64(header.totalSteps))
            try file.writeString(RunFileLayout.spec, header.specJSON)
            if let source = header.source { try file.writeString(RunFileLayout.source, source) }
            self.header = header
            try writer.commit()
        }
    }

    /// `/data/reference`; a second call (say, after a resume) replaces it.
    public func setReference(_ data: NamedArray) throws {
        try writing { try replaceArray(RunFileLayout.reference, data) }
    }

    public func appendCurves(step: Int, _ values: [String: Double]) throws {
        try writing { try appendScalars(curves, step: step, values, what: "curves") }
    }

    public func appendEvals(step: Int, _ values: [String: Double]) throws {
        try writing { try appendScalars(evals, step: step, values, what: "evals") }
    }

    /// `/samples/z`; a second call replaces it.
    public func setSampleLatents(_ z: NamedArray) throws {
        try writing { try replaceArray(RunFileLayout.sampleLatents, z) }
    }

    /// One row of `/samples/x` (float32 [s, k, dims…]) and of `/samples/step`. Every snapshot has the
    /// shape and the name of the first.
    public func appendSamples(step: Int, _ x: NamedArray) throws {
        try writing {
            if let name = sampleName, name != x.name {
                throw RunFileError(.invalidRecord, file: path,
                                   "\(RunFileLayout.sampleValues): samples at step \(step) are named \(x.name.debugDescription), "
                                   + "not \(name.debugDescription) as before")
            }
            let column = H5Path.name(RunFileLayout.sampleValues)
            try samples.append(step: step, [column: (x.shape, x.values)], in: file, what: "samples") { dataset, _ in
                try dataset.setAttribute(RunFileLayout.Attribute.arrayName, x.name)
            }
            sampleName = x.name
        }
    }

    /// One row of `/trajectory/step` and of every `/trajectory/{generator,discriminator}/<param>`.
    public func appendTrajectory(step: Int, generator: [NamedArray], discriminator: [NamedArray]) throws {
        try writing {
            var row: [String: (shape: [Int], values: [Float])] = [:]
            for (part, arrays) in [(RunFileLayout.generator, generator), (RunFileLayout.discriminator, discriminator)] {
                try RunFileLayout.checkNames(arrays.map(\.name), in: RunFileLayout.trajectory + "/" + part, file: path)
                for array in arrays { row[part + "/" + array.name] = (array.shape, array.values) }
            }
            try trajectory.append(step: step, row, in: file, what: "trajectory")
        }
    }

    /// Writes `/checkpoints/<step>/{generator,discriminator,optimizer}/…` and the group's `step`
    /// attribute, then flushes. Checkpoint steps strictly increase, and no record may have a later
    /// step than the checkpoint: `resume` keeps the records up to the checkpoint's step, and a resumed
    /// run must end up as the uninterrupted one.
    public func checkpoint(_ checkpoint: CheckpointRecord) throws {
        try writing {
            if let last = lastCheckpointStep, checkpoint.step <= last {
                throw RunFileError(.invalidRecord, file: path,
                                   "checkpoint at step \(checkpoint.step) after the checkpoint at step \(last)")
            }
            let recorded = [curves, evals, samples, trajectory].compactMap { appender in
                appender.lastStep.map { (appender.group, $0) }
            }
            if let (group, step) = recorded.max(by: { $0.1 < $1.1 }), step > checkpoint.step {
                throw RunFileError(.invalidRecord, file: path,
                                   "checkpoint at step \(checkpoint.step) after \(group) recorded step \(step)")
            }
            let groupPath = RunFileLayout.checkpoint(checkpoint.step)
            let parts = [(RunFileLayout.generator, checkpoint.generator),
                         (RunFileLayout.discriminator, checkpoint.discriminator),
                         (RunFileLayout.optimizer, checkpoint.optimizer)]
            for (part, arrays) in parts {
                try RunFileLayout.checkNames(arrays.map(\.name), in: groupPath + "/" + part, file: path)
            }
            do {
                let group = try file.createGroup(groupPath)
                for (part, arrays) in parts {
                    let partGroup = try group.createGroup(part)
                    for array in arrays { try partGroup.write(array.name, array.values, shape: array.shape) }
                }
                try group.setAttribute(RunFileLayout.Attribute.step, Int64(checkpoint.step))
            } catch {
                // NB: no half-written checkpoint may reach a later flush point; resume would trust it.
                try? file.delete(groupPath)
                throw error
            }
            lastCheckpointStep = checkpoint.step
            try writer.commit()
        }
    }

    /// Sets `status`, `/diagnosis` and, for a complete run, `digest_sha256` (the `RunDigest` of the
    /// numbers the file now holds, read back from it), then flushes and closes the file.
    public func finish(status: RunStatus, diagnosisJSON: String?) throws {
        try writing {
            if try file.exists(RunFileLayout.diagnosis) { try file.delete(RunFileLayout.diagnosis) }
            if let diagnosisJSON { try file.writeString(RunFileLayout.diagnosis, diagnosisJSON) }
            try file.setAttribute(RunFileLayout.Attribute.status, status.rawValue)
            if status == .complete {
                let digest = RunDigest.compute(try RunFileReader.record(in: file))
                try file.setAttribute(RunFileLayout.Attribute.digest, digest)
            } else if try file.hasAttribute(RunFileLayout.Attribute.digest) {
                try file.deleteAttribute(RunFileLayout.Attribute.digest)
            }
            try writer.close()
            isClosed = true
        }
    }

    // MARK: beyond the recorder contract

    /// For Ctrl-C: sets `status` to "interrupted", flushes everything recorded so far (records after
    /// the last checkpoint included; `resume` discards them) and closes the file.
    public func markInterrupted() throws {
        try writing {
            try file.setAttribute(RunFileLayout.Attribute.status, RunStatus.interrupted.rawValue)
            try writer.close()
            isClosed = true
        }
    }

    /// Closes the file without a flush point: what was recorded since the last one is dropped, exactly
    /// as by a kill. For error paths; `finish` or `markInterrupted` end a run properly.
    public func discard() {
        guard !isClosed else { return }
        isClosed = true
        try? writer.discard()
    }

    // MARK: helpers

    /// Runs `body` on an open, begun file (unless it is `begin`), mapping store errors to
    /// `RunFileError`.
    private func writing(_ function: String = #function, _ body: () throws -> Void) throws {
        guard !isClosed else {
            throw RunFileError(.invalidRecord, file: path, "\(function) after the run file was finished or closed")
        }
        guard header != nil || function.hasPrefix("begin") else {
            throw RunFileError(.invalidRecord, file: path, "\(function) before begin")
        }
        do { try body() } catch { throw RunFileError.writeFailed(path, error) }
    }

    private func appendScalars(_ appender: RowAppender, step: Int, _ values: [String: Double], what: String) throws {
        try appender.append(step: step, values.mapValues { (shape: [Int](), values: [$0]) }, in: file,
                            reserved: [RunFileLayout.stepName], what: what)
    }

    private func replaceArray(_ path: String, _ array: NamedArray) throws {
        if try file.exists(path) { try file.delete(path) }
        let dataset = try file.write(path, array.values, shape: array.shape)
        try dataset.setAttribute(RunFileLayout.Attribute.arrayName, array.name)
    }
}
