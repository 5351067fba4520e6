/// Colours of the variants, in order (the base scenario first). A qualitative palette whose
/// neighbours stay apart in greyscale print and for the common colour-vision deficiencies
/// (Paul Tol's "bright" scheme); the ninth variant reuses the first colour.
enum Palette {
    static let colors = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB", "#000000"]

    static func color(_ index: Int) -> String { colors[index % colors.count] }

    /// Hex digits without `#`, for `\definecolor{…}{HTML}{…}`.
    static func hex(_ index: Int) -> String { String(color(index).dropFirst()) }
}
