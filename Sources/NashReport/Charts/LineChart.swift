/// A line chart of one curve: per variant its seed mean as a line (`class="line"`, exactly one path per
/// variant) over a shaded min–max band across seeds (`class="band"`), with axes, ticks, the curve's
/// name as title and y label, "step" as x label, and a legend of the variants.
struct LineChart {
    struct Line {
        var name: String
        var color: String
        var band: SeedBand
        var seeds: Int
    }

    var title: String
    var yLabel: String
    var lines: [Line]
    var width = 560.0
    var height = 360.0

    /// The `<svg>` element; `metadata` (provenance) goes into its `<metadata>` child.
    func svg(metadata: String) -> String {
        // NB: the legend column is as wide as its longest label (about 7 px a character at 12 px), so
        // "unrolled-5 (1 seed)" is not clipped at the edge of the picture.
        let longest = Double(lines.map { legendLabel($0).count }.max() ?? 0)
        let legendWidth = max(150, 16 + 18 + 6 + 7 * longest + 8)
        let width = self.width - 150 + legendWidth
        let left = 66.0, right = width - legendWidth, top = 40.0, bottom = height - 52
        let points = lines.flatMap(\.band.points)
        let x = Axis(points.map { Double($0.step) }, from: left, to: right, rounded: false)
        let y = Axis(points.flatMap { [$0.min, $0.max] }, from: bottom, to: top, rounded: true)
        var out = SVG.open(width: width, height: height, title: title, metadata: metadata)
        out += "<text class=\"title\" x=\"\(px((left + right) / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">\(Text.xml(title))</text>\n"
        out += axes(x: x, y: y, left: left, right: right, top: top, bottom: bottom)
        for line in lines where !line.band.isEmpty {
            let p = line.band.points
            let upper = p.map { "\(px(x.position(Double($0.step)))),\(px(y.position($0.max)))" }
            let lower = p.reversed().map { "\(px(x.position(Double($0.step)))),\(px(y.position($0.min)))" }
            out += "<path class=\"band\" d=\"M\((upper + lower).joined(separator: " L"))Z\" fill=\"\(line.color)\" fill-opacity=\"0.2\" stroke=\"none\"/>\n"
        }
        for line in lines where !line.band.isEmpty {
            let d = line.band.points.map { "\(px(x.position(Double($0.step)))),\(px(y.position($0.mean)))" }
            out += "<path class=\"line\" data-variant=\"\(Text.xml(line.name))\" d=\"M\(d.joined(separator: " L"))\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>\n"
        }
        out += legend(x: right + 16, y: top + 8)
        return out + "</svg>\n"
    }

    func axes(x: Axis, y: Axis, left: Double, right: Double, top: Double, bottom: Double) -> String {
        var out = "<g class=\"axes\" font-size=\"11\" fill=\"#333\">\n"
        for t in y.ticks {
            let p = px(y.position(t))
            out += "<line x1=\"\(px(left))\" y1=\"\(p)\" x2=\"\(px(right))\" y2=\"\(p)\" stroke=\"#e4e4e4\"/>"
            out += "<text x=\"\(px(left - 6))\" y=\"\(p)\" dy=\"0.32em\" text-anchor=\"end\">\(y.label(t))</text>\n"
        }
        for t in x.ticks {
            let p = px(x.position(t))
            out += "<line x1=\"\(p)\" y1=\"\(px(bottom))\" x2=\"\(p)\" y2=\"\(px(bottom + 5))\" stroke=\"#333\"/>"
            out += "<text x=\"\(p)\" y=\"\(px(bottom + 18))\" text-anchor=\"middle\">\(x.label(t))</text>\n"
        }
        out += "<rect x=\"\(px(left))\" y=\"\(px(top))\" width=\"\(px(right - left))\" height=\"\(px(bottom - top))\" fill=\"none\" stroke=\"#333\"/>\n"
        out += "<text class=\"xlabel\" x=\"\(px((left + right) / 2))\" y=\"\(px(height - 12))\" text-anchor=\"middle\" font-size=\"12\">step</text>\n"
        out += "<text class=\"ylabel\" transform=\"translate(16,\(px((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">\(Text.xml(yLabel))</text>\n"
        return out + "</g>\n"
    }

    /// "base (3 seeds)".
    func legendLabel(_ line: Line) -> String {
        "\(line.name) (\(line.seeds == 1 ? "1 seed" : "\(line.seeds) seeds"))"
    }

    func legend(x: Double, y: Double) -> String {
        var out = "<g class=\"legend\" font-size=\"12\">\n"
        for (i, line) in lines.enumerated() {
            let top = y + Double(i) * 20
            out += "<rect x=\"\(px(x))\" y=\"\(px(top))\" width=\"18\" height=\"10\" fill=\"\(line.color)\" fill-opacity=\"0.2\"/>"
            out += "<line x1=\"\(px(x))\" y1=\"\(px(top + 5))\" x2=\"\(px(x + 18))\" y2=\"\(px(top + 5))\" stroke=\"\(line.color)\" stroke-width=\"1.6\"/>"
            out += "<text x=\"\(px(x + 24))\" y=\"\(px(top + 5))\" dy=\"0.32em\">\(Text.xml(legendLabel(line)))</text>\n"
        }
        return out + "</g>\n"
    }
}

/// The opening of a standalone or inline SVG document.
enum SVG {
    static func open(width: Double, height: Double, title: String, metadata: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(px(width))\" height=\"\(px(height))\" viewBox=\"0 0 \(px(width)) \(px(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
            + "<title>\(Text.xml(title))</title>\n<metadata>\(Text.xml(metadata))</metadata>\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    }

    /// A standalone `.svg` file: the XML declaration, then the element.
    static func document(_ element: String) -> String { "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element }
}
