/// Generated samples over the real data, one square panel per snapshot step: the reference sample in
/// grey (`class="reference"`), G's samples from the fixed latent batch in colour (`class="samples"`).
/// The picture of mode collapse: the coloured points gather on few of the grey clusters.
///
/// Every panel of a chart shares one view, the real data's box widened to twice its size: points of a
/// wandering generator outside it are counted in the panel's caption rather than shrinking the data.
/// Only 2-D samples are drawn (`isDrawable`).
struct SampleScatter {
    struct Panel {
        var step: Int
        /// x₀, y₀, x₁, y₁, …
        var points: [Float]
    }

    var title: String
    var reference: [Float]
    var panels: [Panel]
    var color: String
    var side = 260.0

    /// True for arrays of shape [k, 2].
    static func isDrawable(_ shape: [Int]) -> Bool { shape.count == 2 && shape[1] == 2 }

    func svg(metadata: String) -> String {
        let gap = 24.0, top = 44.0, bottomText = 34.0
        let width = gap + Double(panels.count) * (side + gap), height = top + side + bottomText
        let view = self.view()
        var out = SVG.open(width: width, height: height, title: title, metadata: metadata)
        out += "<text class=\"title\" x=\"\(px(width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">\(Text.xml(title))</text>\n"
        for (i, panel) in panels.enumerated() {
            let left = gap + Double(i) * (side + gap)
            let x = { (v: Float) in left + (Double(v) - view.x0) / (view.x1 - view.x0) * self.side }
            let y = { (v: Float) in top + self.side - (Double(v) - view.y0) / (view.y1 - view.y0) * self.side }
            out += "<g class=\"panel\" data-step=\"\(panel.step)\">\n"
            out += "<rect x=\"\(px(left))\" y=\"\(px(top))\" width=\"\(px(side))\" height=\"\(px(side))\" fill=\"none\" stroke=\"#333\"/>\n"
            out += "<g class=\"reference\" fill=\"#9a9a9a\">"
            for k in stride(from: 0, to: reference.count - 1, by: 2) {
                out += "<circle cx=\"\(px(x(reference[k])))\" cy=\"\(px(y(reference[k + 1])))\" r=\"1.2\"/>"
            }
            out += "</g>\n<g class=\"samples\" fill=\"\(color)\" fill-opacity=\"0.75\">"
            var outside = 0
            for k in stride(from: 0, to: panel.points.count - 1, by: 2) {
                let (a, b) = (Double(panel.points[k]), Double(panel.points[k + 1]))
                guard a >= view.x0, a <= view.x1, b >= view.y0, b <= view.y1 else { outside += 1; continue }
                out += "<circle cx=\"\(px(x(panel.points[k])))\" cy=\"\(px(y(panel.points[k + 1])))\" r=\"1.7\"/>"
            }
            out += "</g>\n"
            let caption = "step \(panel.step)" + (outside > 0 ? " (\(outside) outside)" : "")
            out += "<text x=\"\(px(left + side / 2))\" y=\"\(px(top + side + 20))\" text-anchor=\"middle\" font-size=\"12\">\(caption)</text>\n</g>\n"
        }
        return out + "</svg>\n"
    }

    /// The real data's bounding box, squared and widened to twice its size around its centre.
    func view() -> (x0: Double, x1: Double, y0: Double, y1: Double) {
        let xs = stride(from: 0, to: reference.count, by: 2).map { Double(reference[$0]) }.filter(\.isFinite)
        let ys = stride(from: 1, to: reference.count, by: 2).map { Double(reference[$0]) }.filter(\.isFinite)
        let cx = ((xs.min() ?? -1) + (xs.max() ?? 1)) / 2, cy = ((ys.min() ?? -1) + (ys.max() ?? 1)) / 2
        let half = max((xs.max() ?? 1) - (xs.min() ?? -1), (ys.max() ?? 1) - (ys.min() ?? -1), 1e-6)
        return (cx - half, cx + half, cy - half, cy + half)
    }
}
