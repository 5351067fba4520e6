extension RunFile {
    /// Reopens the run file at `path` to continue it from its last checkpoint (`nash resume`).
    ///
    /// Every record after the last checkpoint's step is discarded: `/curves`, `/evals`, `/samples` and
    /// `/trajectory` are cut back to their rows with step ≤ that step (to no rows when there is no
    /// checkpoint: the run starts over). `status` becomes "running", `digest_sha256` and `/diagnosis`
    /// go. The file on disk changes at the next flush point only, so a kill before it leaves the file
    /// as it was, still resumable.
    ///
    /// Returns the recorder, to continue with the records after the checkpoint's step, and the record
    /// read back after the cut: `header` (the spec JSON included, to rebuild the scenario),
    /// `checkpoints.last` (the state to restore), the reference and the latents. The recorder has
    /// begun already: a `begin` with the same scenario, seed and spec hash is accepted and ignored.
    /// Resuming any status is allowed, `complete` too (the caller decides whether it should).
    public static func resume(path: String) throws -> (RunFile, RunRecord) {
        try RunFileReader.validate(path: path)
        let writer: RunFileWriter
        do {
            writer = try RunFileWriter(resuming: path)
        } catch {
            throw RunFileError(.damaged, file: path, "cannot reopen the run file: " + RunFileError.detail(of: error))
        }
        let run = RunFile(writer: writer)
        do {
            try run.cutToLastCheckpoint()
            return (run, try RunFileReader.record(in: run.file))
        } catch {
            run.discard()
            throw RunFileError.damaged(path, error)
        }
    }

    private func cutToLastCheckpoint() throws {
        header = try RunFileReader.header(in: file)
        let last = try RunFileLayout.checkpointSteps(in: file).last
        func columns(of group: String, excluding: Set<String>) throws -> [String] {
            try file.exists(group) ? try RunFileLayout.datasetNames(in: try file.group(group), excluding: excluding) : []
        }
        let step = RunFileLayout.stepName
        try curves.reopen(file, columns: try columns(of: RunFileLayout.curves, excluding: [step]))
        try evals.reopen(file, columns: try columns(of: RunFileLayout.evals, excluding: [step]))
        let sampleColumn = H5Path.name(RunFileLayout.sampleValues)
        if try file.exists(RunFileLayout.sampleValues) {
            try samples.reopen(file, columns: [sampleColumn])
            sampleName = try RunFileReader.arrayName(of: try file.dataset(RunFileLayout.sampleValues))
        }
        try trajectory.reopen(file, columns: try columns(of: RunFileLayout.trajectory, excluding: [step]))
        for appender in [curves, evals, samples, trajectory] {
            try appender.truncate(toStep: last, in: file)
        }
        lastCheckpointStep = last
        typealias A = RunFileLayout.Attribute
        try file.setAttribute(A.status, RunStatus.running.rawValue)
        if try file.hasAttribute(A.digest) { try file.deleteAttribute(A.digest) }
        if try file.exists(RunFileLayout.diagnosis) { try file.delete(RunFileLayout.diagnosis) }
    }
}
