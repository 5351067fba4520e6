import CHDF5

/// Appending records to an extendable dataset (first dimension unlimited).
///
/// NB: appends are buffered. One HDF5 append (extend, select, write) costs about 10 µs of CPU, which
/// would make 100 000 single-point appends take a second; so records collect in the handle and reach
/// HDF5 in one write per `appendBufferBytes` (64 KiB, one default chunk), and before anything can
/// observe the dataset: any read, shape query, resize or whole write through any handle of the same
/// file, `H5File.flush()`, `RunFileWriter.commit()`, and closing. `close()` reports a failed final
/// write; a handle dropped without `close()` writes its records in `deinit` and cannot report.
/// Append to one dataset through one handle: two handles appending to the same dataset would
/// interleave their records in flush order.
extension H5Dataset {
    /// Bytes of records a handle collects before handing them to HDF5.
    static let appendBufferBytes = 64 << 10

    /// Appends records: `values` holds whole records, row-major, so its count is a multiple of the
    /// record size (the product of all dimensions but the first).
    public func append<T: H5Scalar>(_ values: [T]) throws {
        try HDF5Library.locked {
            let size = try prepareAppend(T.self)
            guard values.count % size == 0 else {
                throw site.error(.wrongShape, "\(values.count) values are not whole records of shape "
                                 + "\(recordLayout!.shape)")
            }
            values.withUnsafeBytes { pending.append(contentsOf: $0) }
            try didBuffer(records: values.count / size)
        }
    }

    /// Appends one scalar record (a dataset of shape `[n]`).
    public func append<T: H5Scalar>(_ value: T) throws {
        try HDF5Library.locked {
            let size = try prepareAppend(T.self)
            guard size == 1 else {
                throw site.error(.wrongShape, "1 value is not a whole record of shape \(recordLayout!.shape)")
            }
            withUnsafeBytes(of: value) { pending.append(contentsOf: $0) }
            try didBuffer(records: 1)
        }
    }

    // MARK: internals (call inside HDF5Library.locked)

    /// Checks the handle, the element type and (once) that the dataset is extendable; returns the
    /// number of elements per record.
    private func prepareAppend<T: H5Scalar>(_ type: T.Type) throws -> Int {
        _ = try liveID()
        try checkKind(T.h5Kind, "append")
        if let layout = recordLayout { return layout.size }
        let (dims, maxDims) = try extent()
        guard let rows = dims.first else {
            throw site.error(.wrongRank, "cannot append to a scalar dataset")
        }
        guard maxDims[0] == nash_H5S_UNLIMITED() else {
            throw site.error(.wrongShape, "cannot append: the first dimension is fixed at \(rows)")
        }
        let shape = Array(dims.dropFirst())
        let size = shape.reduce(1, *)
        guard size > 0 else { throw site.error(.wrongShape, "cannot append records of shape \(shape)") }
        recordLayout = (size, shape)
        return size
    }

    private func didBuffer(records: Int) throws {
        if pendingRecords == 0 && records > 0 { owner?.registerPendingAppends(self) }
        pendingRecords += records
        if pending.count >= Self.appendBufferBytes { try flushPending() }
    }

    /// Hands the buffered records to HDF5: extend by their count, write them below the last row.
    func flushPending() throws {
        guard pendingRecords > 0, let layout = recordLayout else { return }
        let id = try liveID()
        let added = pendingRecords
        let rows = try extent().dims[0]
        var grown = ([rows + added] + layout.shape).map { hsize_t($0) }
        try site.check(H5Dset_extent(id, &grown), "cannot extend dataset to \(grown)")
        try withRowSelection(start: rows, shape: [added] + layout.shape) { memory, file in
            let kind = elementKind!
            let status = pending.withUnsafeBytes {
                H5Dwrite(id, kind.nativeType, memory, file, nash_H5P_DEFAULT(), $0.baseAddress)
            }
            if status < 0 {
                let error = site.failure("cannot write \(added) records at row \(rows)")
                var original = ([rows] + layout.shape).map { hsize_t($0) }
                _ = H5Dset_extent(id, &original)   // no rows of fill values behind a failed write
                _ = HDF5Library.takeErrorStack()
                throw error
            }
        }
        pending.removeAll(keepingCapacity: true)
        pendingRecords = 0
        owner?.unregisterPendingAppends(self)
    }
}
