import CHDF5

/// Attributes on files (the root group), groups and datasets.
///
/// ```swift
/// try file.setAttribute("status", "running")
/// try file.setAttribute("seed", 7)
/// let seed = try file.attribute("seed", as: Int.self)
/// ```
extension H5Object {
    /// Creates or replaces the attribute `name`.
    public func setAttribute<V: H5AttributeConvertible>(_ name: String, _ value: V) throws {
        try HDF5Library.locked {
            let id = try liveID()
            let site = attributeSite(name)
            guard !name.isEmpty else { throw site.error(.invalidArgument, "empty attribute name") }
            let exists = try site.check(H5Aexists(id, name), "cannot look up attribute")
            if exists > 0 {
                try site.check(H5Adelete(id, name), "cannot replace attribute")
            }
            let value = value.h5AttributeValue
            switch value {
            case .string(let s): try writeStrings(id, name, [s], scalar: true, site)
            case .strings(let s): try writeStrings(id, name, s, scalar: false, site)
            case .int64(let v): try writeNumbers(id, name, [v], .int64, scalar: true, site)
            case .int64s(let v): try writeNumbers(id, name, v, .int64, scalar: false, site)
            case .double(let v): try writeNumbers(id, name, [v], .float64, scalar: true, site)
            case .doubles(let v): try writeNumbers(id, name, v, .float64, scalar: false, site)
            }
        }
    }

    /// Reads the attribute `name`, whatever it holds (see `H5AttributeValue` for the conversions).
    public func attribute(_ name: String) throws -> H5AttributeValue {
        try HDF5Library.locked {
            let id = try liveID()
            let site = attributeSite(name)
            guard try site.check(H5Aexists(id, name), "cannot look up attribute") > 0 else {
                throw site.error(.notFound, "no such attribute")
            }
            let attribute = try site.check(H5Aopen(id, name, nash_H5P_DEFAULT()), "cannot open attribute")
            defer { H5Aclose(attribute) }
            let type = try site.check(H5Aget_type(attribute), "cannot read the attribute type")
            defer { H5Tclose(type) }
            let space = try site.check(H5Aget_space(attribute), "cannot read the attribute dataspace")
            defer { H5Sclose(space) }
            let scalar = H5Sget_simple_extent_type(space) == H5S_SCALAR
            let count = Int(try site.check(H5Sget_simple_extent_npoints(space), "cannot count elements"))
            switch H5Tget_class(type) {
            case H5T_STRING:
                let values = try H5Strings.read(count: count, fileType: type, site) { H5Aread(attribute, $0, $1) }
                return scalar ? .string(values.first ?? "") : .strings(values)
            case H5T_INTEGER:
                var values = [Int64](repeating: 0, count: count)
                if count > 0 {
                    try site.check(H5Aread(attribute, nash_H5T_NATIVE_INT64(), &values), "cannot read attribute")
                }
                return scalar ? .int64(values[0]) : .int64s(values)
            case H5T_FLOAT:
                var values = [Double](repeating: 0, count: count)
                if count > 0 {
                    try site.check(H5Aread(attribute, nash_H5T_NATIVE_DOUBLE(), &values), "cannot read attribute")
                }
                return scalar ? .double(values[0]) : .doubles(values)
            default:
                throw site.error(.wrongType, "attribute holds \(describeType(type)); NashStore reads strings, "
                                 + "integers and floats")
            }
        }
    }

    /// Reads the attribute `name` as `V`; `.wrongType` if it holds something else.
    public func attribute<V: H5AttributeConvertible>(_ name: String, as type: V.Type) throws -> V {
        let value = try attribute(name)
        guard let typed = V(h5AttributeValue: value) else {
            throw attributeSite(name).error(.wrongType, "attribute holds \(value.typeName), not \(V.h5TypeName)")
        }
        return typed
    }

    public func hasAttribute(_ name: String) throws -> Bool {
        try HDF5Library.locked {
            try attributeSite(name).check(H5Aexists(try liveID(), name), "cannot look up attribute") > 0
        }
    }

    /// The names of all attributes, in name order.
    public func attributeNames() throws -> [String] {
        try HDF5Library.locked {
            let id = try liveID()
            var info = H5O_info_t()
            try site.check(H5Oget_info2(id, &info, UInt32(H5O_INFO_NUM_ATTRS)), "cannot count attributes")
            return try (0..<info.num_attrs).map { index in
                let length = try site.check(H5Aget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0,
                                                               nash_H5P_DEFAULT()), "cannot read an attribute name")
                var buffer = [CChar](repeating: 0, count: Int(length) + 1)
                try site.check(H5Aget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer,
                                                  buffer.count, nash_H5P_DEFAULT()), "cannot read an attribute name")
                return String(cString: buffer)
            }
        }
    }

    public func deleteAttribute(_ name: String) throws {
        try HDF5Library.locked {
            let id = try liveID()
            let site = attributeSite(name)
            guard try site.check(H5Aexists(id, name), "cannot look up attribute") > 0 else {
                throw site.error(.notFound, "no such attribute")
            }
            try site.check(H5Adelete(id, name), "cannot delete attribute")
        }
    }

    // MARK: internals (call inside HDF5Library.locked)

    /// Errors about an attribute name the object path with "@name", as h5dump does.
    func attributeSite(_ name: String) -> H5Site { site.at(path + "@" + name) }

    private func makeSpace(count: Int, scalar: Bool, _ site: H5Site) throws -> hid_t {
        if scalar { return try site.check(H5Screate(H5S_SCALAR), "cannot create a dataspace") }
        var dims = hsize_t(count)
        return try site.check(H5Screate_simple(1, &dims, nil), "cannot create a dataspace")
    }

    private func writeStrings(_ id: hid_t, _ name: String, _ values: [String], scalar: Bool,
                              _ site: H5Site) throws {
        let type = try H5Strings.makeUTF8Type(site)
        defer { H5Tclose(type) }
        let space = try makeSpace(count: values.count, scalar: scalar, site)
        defer { H5Sclose(space) }
        try H5Strings.withCStrings(values, site) { buffer in
            let attribute = try site.check(H5Acreate2(id, name, type, space, nash_H5P_DEFAULT(), nash_H5P_DEFAULT()),
                                           "cannot create attribute")
            defer { H5Aclose(attribute) }
            try site.check(H5Awrite(attribute, type, buffer), "cannot write attribute")
        }
    }

    private func writeNumbers<T: H5Scalar>(_ id: hid_t, _ name: String, _ values: [T], _ kind: H5ElementKind,
                                           scalar: Bool, _ site: H5Site) throws {
        let space = try makeSpace(count: values.count, scalar: scalar, site)
        defer { H5Sclose(space) }
        let attribute = try site.check(H5Acreate2(id, name, kind.nativeType, space, nash_H5P_DEFAULT(),
                                                  nash_H5P_DEFAULT()), "cannot create attribute")
        defer { H5Aclose(attribute) }
        if !values.isEmpty {
            let status = values.withUnsafeBytes { H5Awrite(attribute, kind.nativeType, $0.baseAddress) }
            try site.check(status, "cannot write attribute")
        }
    }
}
