import CHDF5

/// A file's root group or any group: navigation, listing and the creation of groups.
///
/// Paths are relative to this group unless they start with "/"; `a/b/c` reaches through groups, and
/// every creating call makes missing intermediate groups (`createDataset("curves/loss/D", …)` makes
/// `/curves` and `/curves/loss`). Datasets are made in `H5Container+Datasets.swift`.
public class H5Container: H5Object {
    /// The file that objects opened from here belong to.
    var file: H5File { owner ?? (self as! H5File) }

    func resolve(_ path: String) -> String { H5Path.resolve(path, from: self.path) }

    /// Whether an object (group, dataset, named type) exists at `path`. False, not an error, when a
    /// component on the way is missing or is not a group.
    public func exists(_ path: String) throws -> Bool {
        try HDF5Library.locked { try kind(at: resolve(path)) != nil }
    }

    /// The members of this group in name order, each with its kind.
    public func members() throws -> [H5Member] {
        try HDF5Library.locked {
            let id = try liveID()
            var info = H5G_info_t()
            try site.check(H5Gget_info(id, &info), "cannot list group")
            var members: [H5Member] = []
            for index in 0..<info.nlinks {
                let length = H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0,
                                                nash_H5P_DEFAULT())
                try site.check(length, "cannot read the name of member \(index)")
                var buffer = [CChar](repeating: 0, count: Int(length) + 1)
                try site.check(H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer,
                                                  buffer.count, nash_H5P_DEFAULT()),
                               "cannot read the name of member \(index)")
                let name = String(cString: buffer)
                members.append(H5Member(name: name, kind: try kind(at: H5Path.resolve(name, from: path))
                                            ?? .other))
            }
            return members
        }
    }

    /// Opens the existing group at `path`.
    public func group(_ path: String) throws -> H5Group {
        try HDF5Library.locked {
            let target = resolve(path)
            try expect(.group, at: target)
            let gid = H5Gopen2(try liveID(), target, nash_H5P_DEFAULT())
            try site.at(target).check(gid, "cannot open group")
            return H5Group(id: gid, filePath: filePath, path: target, owner: file)
        }
    }

    /// Creates a group at `path`, with any missing intermediate groups. Fails if it exists.
    public func createGroup(_ path: String) throws -> H5Group {
        try HDF5Library.locked {
            let target = resolve(path)
            guard target != "/" else { throw site.at(target).error(.invalidArgument, "the root group exists") }
            let lcpl = try makeIntermediateLinkList(site.at(target))
            defer { H5Pclose(lcpl) }
            let gid = H5Gcreate2(try liveID(), target, lcpl, nash_H5P_DEFAULT(), nash_H5P_DEFAULT())
            try site.at(target).check(gid, "cannot create group")
            return H5Group(id: gid, filePath: filePath, path: target, owner: file)
        }
    }

    /// Opens the group at `path`, creating it (and intermediate groups) if missing.
    public func requireGroup(_ path: String) throws -> H5Group {
        try HDF5Library.locked {
            try kind(at: resolve(path)) == nil ? createGroup(path) : group(path)
        }
    }

    /// Removes the link at `path` (a group with everything below it, or a dataset).
    /// NB: HDF5 does not shrink the file; the freed space is reused by later writes in the same
    /// session only (`h5repack` compacts a file).
    public func delete(_ path: String) throws {
        try HDF5Library.locked {
            let target = resolve(path)
            guard try kind(at: target) != nil else {
                throw site.at(target).error(.notFound, "nothing to delete")
            }
            try site.at(target).check(H5Ldelete(try liveID(), target, nash_H5P_DEFAULT()), "cannot delete")
        }
    }

    // MARK: internals (call inside HDF5Library.locked)

    /// The kind of object at an absolute path, or nil if nothing resolves there.
    func kind(at target: String) throws -> H5Member.Kind? {
        let id = try liveID()
        if target == "/" { return .group }
        for prefix in H5Path.prefixes(target) {
            let status = H5Lexists(id, prefix, nash_H5P_DEFAULT())
            if status <= 0 {
                // NB: a negative status means a component on the way is not a group; that is "absent".
                _ = HDF5Library.takeErrorStack()
                return nil
            }
        }
        let object = H5Oopen(id, target, nash_H5P_DEFAULT())
        guard object >= 0 else {
            _ = HDF5Library.takeErrorStack()
            return .other
        }
        defer { H5Oclose(object) }
        switch H5Iget_type(object) {
        case H5I_GROUP: return .group
        case H5I_DATASET: return .dataset
        default: return .other
        }
    }

    /// Throws `.notFound` unless an object of `kind` is at `target`.
    func expect(_ expected: H5Member.Kind, at target: String) throws {
        let found = try kind(at: target)
        guard found != expected else { return }
        let noun = expected == .group ? "group" : "dataset"
        let what: String
        switch found {
        case nil: what = "no such \(noun)"
        case .group?: what = "is a group, not a \(noun)"
        case .dataset?: what = "is a dataset, not a \(noun)"
        case .other?: what = "is neither a group nor a dataset"
        }
        throw site.at(target).error(.notFound, what)
    }

    /// A link-creation property list that makes missing intermediate groups. The caller closes it.
    func makeIntermediateLinkList(_ site: H5Site) throws -> hid_t {
        let lcpl = try site.check(H5Pcreate(nash_H5P_LINK_CREATE()), "cannot create a property list")
        guard H5Pset_create_intermediate_group(lcpl, 1) >= 0 else {
            H5Pclose(lcpl)
            throw site.failure("cannot set intermediate group creation")
        }
        return lcpl
    }
}

/// A group inside a file.
public final class H5Group: H5Container {
    init(id: hid_t, filePath: String, path: String, owner: H5File) {
        super.init(id: id, filePath: filePath, path: path, owner: owner, close: { H5Gclose($0) })
    }
}
