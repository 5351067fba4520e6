/// Object paths inside a file: "/" is the root, components are separated by "/".
///
/// NashStore keeps every object's absolute, normalised path (no empty components, no trailing "/") so
/// that errors can name it; curve names such as `loss/D` become paths unchanged.
enum H5Path {
    /// The absolute normalised path of `path` seen from the object at `base` (itself absolute).
    /// A path starting with "/" is absolute already.
    static func resolve(_ path: String, from base: String) -> String {
        let start = path.hasPrefix("/") ? [] : components(base)
        let all = start + components(path)
        return "/" + all.joined(separator: "/")
    }

    static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// "/a/b/c" → ["/a", "/a/b", "/a/b/c"]; "/" → [].
    static func prefixes(_ absolute: String) -> [String] {
        var result: [String] = []
        var current = ""
        for component in components(absolute) {
            current += "/" + component
            result.append(current)
        }
        return result
    }

    /// The last component ("/a/b" → "b"; "/" → "/").
    static func name(_ absolute: String) -> String {
        components(absolute).last ?? "/"
    }
}
