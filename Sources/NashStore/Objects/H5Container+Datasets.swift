import CHDF5

/// Filters applied to chunked datasets: byte shuffle, then gzip (deflate).
///
/// `.standard` is shuffle + gzip level 4, h5py's default gzip level: shuffling groups the bytes of
/// equal significance, which is what makes float curves compress at all.
public struct H5Compression: Sendable, Equatable {
    /// Deflate level, 0 (store) … 9 (smallest).
    public var gzipLevel: Int
    public var shuffle: Bool

    public init(gzipLevel: Int, shuffle: Bool = true) {
        self.gzipLevel = gzipLevel
        self.shuffle = shuffle
    }

    public static let standard = H5Compression(gzipLevel: 4, shuffle: true)
}

extension H5Container {
    /// Creates a dataset of `shape` (`[]` is a scalar) filled with zeros.
    ///
    /// With `compression` (the default) the dataset is chunked (`chunks`, or about 256 KiB chunks split
    /// along the leading dimensions) and filtered. Scalars and datasets with a zero-sized dimension are
    /// stored contiguous and unfiltered: HDF5 cannot chunk them.
    public func createDataset<T: H5Scalar>(_ path: String, of type: T.Type, shape: [Int],
                                           chunks: [Int]? = nil,
                                           compression: H5Compression? = .standard) throws -> H5Dataset {
        let target = resolve(path)
        let site = self.site.at(target)
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw site.error(.invalidArgument, "negative dimension in shape \(shape)")
        }
        let chunkable = !shape.isEmpty && !shape.contains(0)
        let chunk: [Int]? = chunkable && (compression != nil || chunks != nil)
            ? (chunks ?? H5Layout.defaultChunk(shape: shape, elementSize: T.h5Kind.size)) : nil
        return try makeDataset(target, kind: T.h5Kind, shape: shape, maxShape: shape.map { $0 },
                               chunk: chunk, compression: chunkable ? compression : nil)
    }

    /// Creates an extendable dataset of shape `[0] + recordShape` whose first dimension is unlimited:
    /// a table of records that `H5Dataset.append` grows. Always chunked; `chunkRecords` defaults to
    /// about 64 KiB of records (8192 float64 curve points).
    public func createExtendableDataset<T: H5Scalar>(_ path: String, of type: T.Type,
                                                     recordShape: [Int] = [], chunkRecords: Int? = nil,
                                                     compression: H5Compression? = .standard) throws -> H5Dataset {
        let target = resolve(path)
        let site = self.site.at(target)
        guard recordShape.allSatisfy({ $0 > 0 }) else {
            throw site.error(.invalidArgument, "record shape \(recordShape) has a dimension below 1")
        }
        if let rows = chunkRecords, rows < 1 {
            throw site.error(.invalidArgument, "chunkRecords must be at least 1, not \(rows)")
        }
        let recordBytes = recordShape.reduce(T.h5Kind.size, *)
        let rows = chunkRecords ?? max(1, H5Layout.recordChunkBytes / recordBytes)
        return try makeDataset(target, kind: T.h5Kind, shape: [0] + recordShape,
                               maxShape: [nil] + recordShape.map { $0 }, chunk: [rows] + recordShape,
                               compression: compression)
    }

    /// Creates a dataset holding `values` with `shape` (default: one dimension, `values.count`).
    @discardableResult
    public func write<T: H5Scalar>(_ path: String, _ values: [T], shape: [Int]? = nil,
                                   compression: H5Compression? = .standard) throws -> H5Dataset {
        try HDF5Library.locked {
            let dataset = try createDataset(path, of: T.self, shape: shape ?? [values.count],
                                            compression: compression)
            do {
                try dataset.write(values)
            } catch {
                // NB: do not leave a zero-filled dataset behind a failed write.
                try? dataset.close()
                _ = H5Ldelete(try liveID(), dataset.path, nash_H5P_DEFAULT())
                _ = HDF5Library.takeErrorStack()
                throw error
            }
            return dataset
        }
    }

    /// Opens the existing dataset at `path`.
    public func dataset(_ path: String) throws -> H5Dataset {
        try HDF5Library.locked {
            let target = resolve(path)
            try expect(.dataset, at: target)
            let did = H5Dopen2(try liveID(), target, nash_H5P_DEFAULT())
            try site.at(target).check(did, "cannot open dataset")
            return try H5Dataset(id: did, filePath: filePath, path: target, owner: file)
        }
    }

    /// Reads the whole dataset at `path`; see `H5Dataset.read(_:rank:)`.
    public func read<T: H5Scalar>(_ path: String, as type: T.Type, rank: Int? = nil) throws -> H5Array<T> {
        try dataset(path).read(type, rank: rank)
    }

    /// Creates a scalar dataset holding one variable-length UTF-8 string (h5py: `ds.asstr()[()]`).
    @discardableResult
    public func writeString(_ path: String, _ text: String) throws -> H5Dataset {
        try HDF5Library.locked {
            let target = resolve(path)
            let site = self.site.at(target)
            let type = try H5Strings.makeUTF8Type(site)
            defer { H5Tclose(type) }
            let space = try site.check(H5Screate(H5S_SCALAR), "cannot create a dataspace")
            defer { H5Sclose(space) }
            let lcpl = try makeIntermediateLinkList(site)
            defer { H5Pclose(lcpl) }
            let did = H5Dcreate2(try liveID(), target, type, space, lcpl, nash_H5P_DEFAULT(), nash_H5P_DEFAULT())
            try site.check(did, "cannot create string dataset")
            let dataset = try H5Dataset(id: did, filePath: filePath, path: target, owner: file)
            try H5Strings.withCStrings([text], site) { pointers in
                try site.check(H5Dwrite(did, type, nash_H5S_ALL(), nash_H5S_ALL(), nash_H5P_DEFAULT(), pointers),
                               "cannot write string dataset")
            }
            return dataset
        }
    }

    /// Reads the string dataset at `path`; see `H5Dataset.readString()`.
    public func readString(_ path: String) throws -> String {
        try dataset(path).readString()
    }

    /// Call inside `HDF5Library.locked` or not: it locks.
    func makeDataset(_ target: String, kind: H5ElementKind, shape: [Int], maxShape: [Int?],
                     chunk: [Int]?, compression: H5Compression?) throws -> H5Dataset {
        try HDF5Library.locked {
            let site = self.site.at(target)
            let space: hid_t
            if shape.isEmpty {
                space = H5Screate(H5S_SCALAR)
            } else {
                let dims = shape.map { hsize_t($0) }
                let maxDims = maxShape.map { $0.map { hsize_t($0) } ?? nash_H5S_UNLIMITED() }
                space = H5Screate_simple(Int32(shape.count), dims, maxDims)
            }
            try site.check(space, "cannot create a dataspace for shape \(shape)")
            defer { H5Sclose(space) }
            let dcpl = try site.check(H5Pcreate(nash_H5P_DATASET_CREATE()), "cannot create a property list")
            defer { H5Pclose(dcpl) }
            if let chunk = chunk {
                try site.check(H5Pset_chunk(dcpl, Int32(chunk.count), chunk.map { hsize_t($0) }),
                               "cannot set chunk shape \(chunk)")
                if let compression = compression {
                    if compression.shuffle { try site.check(H5Pset_shuffle(dcpl), "cannot set shuffle") }
                    try site.check(H5Pset_deflate(dcpl, UInt32(min(max(compression.gzipLevel, 0), 9))),
                                   "cannot set gzip")
                }
            }
            let lcpl = try makeIntermediateLinkList(site)
            defer { H5Pclose(lcpl) }
            let did = H5Dcreate2(try liveID(), target, kind.nativeType, space, lcpl, dcpl, nash_H5P_DEFAULT())
            try site.check(did, "cannot create dataset")
            return try H5Dataset(id: did, filePath: filePath, path: target, owner: file)
        }
    }
}

/// Chunk-shape defaults.
enum H5Layout {
    /// Target bytes of one chunk of a fixed-shape dataset: big enough for gzip to work well, small
    /// enough that reading one value decompresses little.
    static let fixedChunkBytes = 256 << 10
    /// Target bytes of one chunk of an extendable dataset (records are appended a few at a time and
    /// the chunk stays in HDF5's 1 MiB per-dataset chunk cache until it is full).
    static let recordChunkBytes = 64 << 10

    /// `shape` shrunk from the leading dimension on until a chunk holds about `fixedChunkBytes`.
    static func defaultChunk(shape: [Int], elementSize: Int) -> [Int] {
        var chunk = shape
        for axis in chunk.indices {
            let bytes = chunk.reduce(elementSize, *)
            guard bytes > fixedChunkBytes else { break }
            let rest = bytes / chunk[axis]
            chunk[axis] = max(1, fixedChunkBytes / rest)
        }
        return chunk
    }
}
