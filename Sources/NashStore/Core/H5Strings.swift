import CHDF5
import Foundation

/// Variable-length UTF-8 strings, the form h5py reads back as `str` (attributes) or, with `.asstr()`,
/// from datasets. Reading also accepts fixed-length and ASCII strings, as h5py and other tools write.
enum H5Strings {
    /// A variable-length, UTF-8 string type. The caller closes it.
    static func makeUTF8Type(_ site: H5Site) throws -> hid_t {
        let type = try site.check(H5Tcopy(nash_H5T_C_S1()), "cannot create a string type")
        guard H5Tset_size(type, nash_H5T_VARIABLE()) >= 0, H5Tset_cset(type, H5T_CSET_UTF8) >= 0 else {
            let error = site.failure("cannot make the string type variable-length UTF-8")
            H5Tclose(type)
            throw error
        }
        return type
    }

    /// Calls `body` with a buffer of `char *` pointers to NUL-terminated copies of `strings`, the memory
    /// layout HDF5 writes variable-length strings from.
    @discardableResult
    static func withCStrings<R>(_ strings: [String], _ site: H5Site,
                                _ body: (UnsafeRawPointer) throws -> R) throws -> R {
        if let bad = strings.first(where: { $0.utf8.contains(0) }) {
            throw site.error(.invalidArgument, "string contains a NUL character: \(bad.debugDescription)")
        }
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return try pointers.withUnsafeBytes { try body($0.baseAddress!) }
    }

    /// Reads `count` strings of `fileType` through `read(memoryType, buffer)` (an H5Dread or H5Aread).
    static func read(count: Int, fileType: hid_t, _ site: H5Site,
                     _ read: (hid_t, UnsafeMutableRawPointer) -> herr_t) throws -> [String] {
        guard count > 0 else { return [] }
        let memoryType = try site.check(H5Tcopy(nash_H5T_C_S1()), "cannot create a string type")
        defer { H5Tclose(memoryType) }
        let cset = H5Tget_cset(fileType)
        if H5Tis_variable_str(fileType) > 0 {
            try site.check(H5Tset_size(memoryType, nash_H5T_VARIABLE()), "cannot make a string type")
            try site.check(H5Tset_cset(memoryType, cset), "cannot set the character set")
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
            let status = pointers.withUnsafeMutableBytes { read(memoryType, $0.baseAddress!) }
            try site.check(status, "cannot read strings")
            defer { pointers.forEach { if let p = $0 { H5free_memory(p) } } }
            return pointers.map { $0.map { String(cString: $0) } ?? "" }
        }
        let width = H5Tget_size(fileType)
        try site.check(H5Tset_size(memoryType, width), "cannot make a string type")
        try site.check(H5Tset_cset(memoryType, cset), "cannot set the character set")
        try site.check(H5Tset_strpad(memoryType, H5T_STR_NULLPAD), "cannot set the padding")
        var bytes = [UInt8](repeating: 0, count: count * width)
        let status = bytes.withUnsafeMutableBytes { read(memoryType, $0.baseAddress!) }
        try site.check(status, "cannot read strings")
        return (0..<count).map { index in
            let field = bytes[index * width ..< (index + 1) * width]
            let end = field.firstIndex(of: 0) ?? field.endIndex
            return String(decoding: field[field.startIndex..<end], as: UTF8.self)
        }
    }
}
