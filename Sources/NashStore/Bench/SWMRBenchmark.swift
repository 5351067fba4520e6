import CHDF5
import Foundation

/// The rejected alternative to `RunFileWriter`, measured on the same workload: HDF5's single-writer /
/// multiple-reader mode (SWMR, HDF5 ≥ 1.10), where a flush point is `H5Fflush` on a file opened with
/// `H5F_ACC_SWMR_WRITE` and the latest format.
///
/// NB: SWMR in 1.10 cannot create objects once SWMR writing started, so the checkpoints go into one
/// pre-created extendable dataset `[n, checkpointFloats]` instead of a group per checkpoint; the real
/// layout (`/checkpoints/<step>/…`) cannot be written this way at all.
extension StoreBenchmark {
    /// Flush (`H5Fflush`) and publish (`fsync` of the file, for the durability of a commit) per flush
    /// point, and the file's size.
    public static func swmrFlushes(path: String, curves: Int = 20, points: Int = 10_000, commits: Int = 10,
                                   checkpointFloats: Int = 200_000) throws -> CommitTimes {
        try HDF5Library.locked {
            let site = H5Site(file: path, object: nil)
            let fapl = try site.check(H5Pcreate(nash_H5P_FILE_ACCESS()), "fapl")
            defer { H5Pclose(fapl) }
            try site.check(H5Pset_libver_bounds(fapl, H5F_LIBVER_V110, H5F_LIBVER_V110), "libver")
            let fid = try site.check(H5Fcreate(path, nash_H5F_ACC_TRUNC(), nash_H5P_DEFAULT(), fapl), "create")
            defer { H5Fclose(fid) }

            func extendable(_ name: String, _ kind: H5ElementKind, record: Int, chunkRows: Int) throws -> hid_t {
                var dims: [hsize_t] = record == 1 ? [0] : [0, hsize_t(record)]
                var maxDims: [hsize_t] = record == 1 ? [nash_H5S_UNLIMITED()] : [nash_H5S_UNLIMITED(), hsize_t(record)]
                var chunk: [hsize_t] = record == 1 ? [hsize_t(chunkRows)] : [1, hsize_t(record)]
                let space = H5Screate_simple(Int32(dims.count), &dims, &maxDims)
                defer { H5Sclose(space) }
                let dcpl = H5Pcreate(nash_H5P_DATASET_CREATE())
                defer { H5Pclose(dcpl) }
                H5Pset_chunk(dcpl, Int32(chunk.count), &chunk)
                H5Pset_shuffle(dcpl)
                H5Pset_deflate(dcpl, 4)
                return try site.check(H5Dcreate2(fid, name, kind.nativeType, space, nash_H5P_DEFAULT(), dcpl,
                                                 nash_H5P_DEFAULT()), "dataset \(name)")
            }

            /// Extends by `values.count / record` rows and writes them below the last row.
            func append<T: H5Scalar>(_ dataset: hid_t, _ values: [T], record: Int) throws {
                let space = H5Dget_space(dataset)
                var dims = [hsize_t](repeating: 0, count: record == 1 ? 1 : 2)
                H5Sget_simple_extent_dims(space, &dims, nil)
                H5Sclose(space)
                let rows = hsize_t(values.count / record)
                var grown = dims
                grown[0] += rows
                try site.check(H5Dset_extent(dataset, &grown), "extend")
                let fileSpace = H5Dget_space(dataset)
                defer { H5Sclose(fileSpace) }
                var start: [hsize_t] = record == 1 ? [dims[0]] : [dims[0], 0]
                var count: [hsize_t] = record == 1 ? [rows] : [rows, hsize_t(record)]
                H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, &start, nil, &count, nil)
                var total = hsize_t(values.count)
                let memory = H5Screate_simple(1, &total, nil)
                defer { H5Sclose(memory) }
                let status = values.withUnsafeBytes {
                    H5Dwrite(dataset, T.h5Kind.nativeType, memory, fileSpace, nash_H5P_DEFAULT(), $0.baseAddress)
                }
                try site.check(status, "write")
            }

            let step = try extendable("step", .int64, record: 1, chunkRows: 8192)
            let series = try (0..<curves).map { try extendable("c\($0)", .float64, record: 1, chunkRows: 8192) }
            let checkpoints = try extendable("checkpoints", .float32, record: checkpointFloats, chunkRows: 1)
            defer { ([step, checkpoints] + series).forEach { H5Dclose($0) } }
            try site.check(H5Fstart_swmr_write(fid), "start SWMR")

            var handle: UnsafeMutableRawPointer?
            try site.check(H5Fget_vfd_handle(fid, fapl, &handle), "file descriptor")
            let descriptor = handle!.assumingMemoryBound(to: Int32.self).pointee

            var random = UInt64(0x5EED)
            var times = CommitTimes()
            let block = points / commits
            for commit in 0..<commits {
                let first = commit * block
                try append(step, (first..<first + block).map { Int64($0 * 10) }, record: 1)
                for (index, curve) in series.enumerated() {
                    let values: [Double] = (first..<first + block).map { curveValue(point: $0, curve: index) }
                    try append(curve, values, record: 1)
                }
                try append(checkpoints, parameterValues(checkpointFloats, &random), record: checkpointFloats)
                try times.measure(flush: { try site.check(H5Fflush(fid, H5F_SCOPE_GLOBAL), "flush") },
                                  publish: { fsync(descriptor) })
            }
            var size: hsize_t = 0
            H5Fget_filesize(fid, &size)
            times.finalBytes = Int(size)
            return times
        }
    }
}
