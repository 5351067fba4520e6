import CHDF5

/// An open dataset: typed whole and row-range reads, whole writes, and appends of records
/// (`H5Dataset+Append.swift`).
///
/// Reads and writes check the element type exactly (a float32 dataset is not read as `Double`) and,
/// when asked, the rank; mismatches throw `.wrongType` / `.wrongRank` naming both sides.
public final class H5Dataset: H5Object {
    /// The element kind, or nil for strings and other types (see `typeDescription`).
    public let elementKind: H5ElementKind?
    /// The stored element type as a person would name it: "float32", "int32", "string (variable length)".
    public let typeDescription: String
    /// Whether the elements are strings (fixed or variable length).
    public let isString: Bool

    /// Appended records not yet handed to HDF5, as raw native bytes (see `H5Dataset+Append.swift`).
    var pending: [UInt8] = []
    var pendingRecords = 0
    /// Elements per record and whether the first dimension is unlimited, read at the first append.
    var recordLayout: (size: Int, shape: [Int])?

    init(id: hid_t, filePath: String, path: String, owner: H5File) throws {
        let site = H5Site(file: filePath, object: path)
        let type = H5Dget_type(id)
        guard type >= 0 else {
            let error = site.failure("cannot read the element type")
            H5Dclose(id)
            throw error
        }
        defer { H5Tclose(type) }
        elementKind = H5ElementKind(type: type)
        typeDescription = describeType(type)
        isString = H5Tget_class(type) == H5T_STRING
        super.init(id: id, filePath: filePath, path: path, owner: owner, close: { H5Dclose($0) })
    }

    deinit {
        // NB: best effort; `close()` reports a failure to write the last appended records.
        if pendingRecords > 0 { HDF5Library.locked { try? flushPending() } }
    }

    override func willClose() throws {
        try flushPending()
    }

    /// The current shape; `[]` for a scalar.
    public func shape() throws -> [Int] {
        try HDF5Library.locked {
            try prepareAccess()
            return try extent().dims
        }
    }

    /// The maximum shape; nil marks an unlimited (extendable) dimension.
    public func maxShape() throws -> [Int?] {
        try HDF5Library.locked {
            try prepareAccess()
            return try extent().maxDims.map { $0 == nash_H5S_UNLIMITED() ? nil : Int($0) }
        }
    }

    /// Reads all values. `rank`, when given, must match the dataset's rank.
    public func read<T: H5Scalar>(_ type: T.Type, rank: Int? = nil) throws -> H5Array<T> {
        try HDF5Library.locked {
            let id = try prepareAccess()
            try checkKind(T.h5Kind, "read")
            let dims = try extent().dims
            if let rank = rank, rank != dims.count {
                throw site.error(.wrongRank, "dataset has rank \(dims.count) (shape \(dims)), not rank \(rank)")
            }
            let count = dims.reduce(1, *)
            let values = try [T](unsafeUninitializedCapacity: count) { buffer, initialised in
                if count > 0 {
                    try site.check(H5Dread(id, T.h5Kind.nativeType, nash_H5S_ALL(), nash_H5S_ALL(),
                                           nash_H5P_DEFAULT(), buffer.baseAddress), "cannot read dataset")
                }
                initialised = count
            }
            return H5Array(shape: dims, values: values)
        }
    }

    /// Reads the records (rows along the first dimension) in `rows`.
    public func read<T: H5Scalar>(_ type: T.Type, rows: Range<Int>) throws -> H5Array<T> {
        try HDF5Library.locked {
            let id = try prepareAccess()
            try checkKind(T.h5Kind, "read")
            let dims = try extent().dims
            guard let first = dims.first else {
                throw site.error(.wrongRank, "a scalar dataset has no rows")
            }
            guard rows.lowerBound >= 0, rows.upperBound <= first else {
                throw site.error(.wrongShape, "rows \(rows) outside 0..<\(first)")
            }
            let shape = [rows.count] + dims.dropFirst()
            let count = shape.reduce(1, *)
            let values = try [T](unsafeUninitializedCapacity: count) { buffer, initialised in
                if count > 0 {
                    try withRowSelection(start: rows.lowerBound, shape: shape) { memory, file in
                        try site.check(H5Dread(id, T.h5Kind.nativeType, memory, file, nash_H5P_DEFAULT(),
                                               buffer.baseAddress), "cannot read rows \(rows)")
                    }
                }
                initialised = count
            }
            return H5Array(shape: shape, values: values)
        }
    }

    /// Overwrites all values; `values.count` must equal the number of elements.
    public func write<T: H5Scalar>(_ values: [T]) throws {
        try HDF5Library.locked {
            let id = try prepareAccess()
            try checkKind(T.h5Kind, "write")
            let dims = try extent().dims
            let count = dims.reduce(1, *)
            guard values.count == count else {
                throw site.error(.wrongShape, "\(values.count) values for shape \(dims) (\(count) elements)")
            }
            guard count > 0 else { return }
            let status = values.withUnsafeBytes {
                H5Dwrite(id, T.h5Kind.nativeType, nash_H5S_ALL(), nash_H5S_ALL(), nash_H5P_DEFAULT(), $0.baseAddress)
            }
            try site.check(status, "cannot write dataset")
        }
    }

    /// Sets the number of records of an extendable dataset (shrinking drops the trailing ones, growing
    /// adds zeros). `nash resume` uses it to cut curves back to the last checkpoint.
    public func resize(rows: Int) throws {
        try HDF5Library.locked {
            let id = try prepareAccess()
            let dims = try extent().dims
            guard !dims.isEmpty else { throw site.error(.wrongRank, "cannot resize a scalar dataset") }
            guard rows >= 0 else { throw site.error(.invalidArgument, "negative row count \(rows)") }
            var resized = dims.map { hsize_t($0) }
            resized[0] = hsize_t(rows)
            try site.check(H5Dset_extent(id, resized), "cannot resize dataset to \(rows) rows")
        }
    }

    /// Reads a string dataset holding exactly one string (scalar, or one element).
    public func readString() throws -> String {
        let strings = try readStrings()
        guard strings.count == 1 else {
            throw site.error(.wrongShape, "dataset holds \(strings.count) strings, not one")
        }
        return strings[0]
    }

    /// Reads all strings of a string dataset, row-major.
    public func readStrings() throws -> [String] {
        try HDF5Library.locked {
            let id = try liveID()
            guard isString else {
                throw site.error(.wrongType, "dataset holds \(typeDescription), not strings")
            }
            let fileType = try site.check(H5Dget_type(id), "cannot read the element type")
            defer { H5Tclose(fileType) }
            let count = try extent().dims.reduce(1, *)
            return try H5Strings.read(count: count, fileType: fileType, site) { memoryType, buffer in
                H5Dread(id, memoryType, nash_H5S_ALL(), nash_H5S_ALL(), nash_H5P_DEFAULT(), buffer)
            }
        }
    }

    // MARK: internals (call inside HDF5Library.locked)

    /// The identifier, after every pending append of the file reached HDF5 (so that any handle reads
    /// what was appended through any other).
    @discardableResult
    func prepareAccess() throws -> hid_t {
        let id = try liveID()
        try owner?.flushPendingAppends()
        return id
    }

    func extent() throws -> (dims: [Int], maxDims: [hsize_t]) {
        let space = try site.check(H5Dget_space(try liveID()), "cannot read the dataspace")
        defer { H5Sclose(space) }
        let rank = Int(try site.check(H5Sget_simple_extent_ndims(space), "cannot read the rank"))
        var dims = [hsize_t](repeating: 0, count: rank)
        var maxDims = [hsize_t](repeating: 0, count: rank)
        try site.check(H5Sget_simple_extent_dims(space, &dims, &maxDims), "cannot read the shape")
        return (dims.map { Int($0) }, maxDims)
    }

    func checkKind(_ wanted: H5ElementKind, _ verb: String) throws {
        guard elementKind == wanted else {
            throw site.error(.wrongType, "cannot \(verb) \(wanted.rawValue): dataset holds \(typeDescription)")
        }
    }

    /// Selects `shape` starting at row `start` in the file, and a matching memory space.
    func withRowSelection(start: Int, shape: [Int], _ body: (hid_t, hid_t) throws -> Void) throws {
        let fileSpace = try site.check(H5Dget_space(try liveID()), "cannot read the dataspace")
        defer { H5Sclose(fileSpace) }
        var offset = [hsize_t](repeating: 0, count: shape.count)
        offset[0] = hsize_t(start)
        let count = shape.map { hsize_t($0) }
        try site.check(H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, offset, nil, count, nil),
                       "cannot select rows")
        var total = hsize_t(shape.reduce(1, *))
        let memorySpace = try site.check(H5Screate_simple(1, &total, nil), "cannot create a dataspace")
        defer { H5Sclose(memorySpace) }
        try body(memorySpace, fileSpace)
    }
}
