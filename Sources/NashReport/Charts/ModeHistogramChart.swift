/// The per-mode histogram over time as a heat map: one column per evaluation step, one row per mode of
/// the data, each cell shaded by the share of that step's high-quality samples that fell on the mode
/// (white 0 → dark 1, grey when the step had no high-quality sample; `class="cell"`, the share in `data-share`). Mode collapse is a column with one dark
/// cell; mode hopping is a dark cell that changes row from column to column.
struct ModeHistogramChart {
    var title: String
    var steps: [Int]
    /// One row per step, one count per mode.
    var counts: [[Double]]
    var color: (r: Double, g: Double, b: Double) = (0x44, 0x77, 0xAA)

    func svg(metadata: String) -> String {
        let modes = counts.first?.count ?? 0
        let left = 60.0, top = 40.0, cell = 18.0
        let cellWidth = max(4, min(24, 560 / Double(max(steps.count, 1))))
        let plotWidth = cellWidth * Double(steps.count), plotHeight = cell * Double(modes)
        // NB: wide enough for the title at about 8 px per character of 15 px type.
        let width = max(left + plotWidth + 190, left + Double(title.count) * 8 + 20), height = max(top + plotHeight + 56, top + 150)
        var out = SVG.open(width: width, height: height, title: title, metadata: metadata)
        out += "<text class=\"title\" x=\"\(px(left))\" y=\"22\" font-size=\"15\">\(Text.xml(title))</text>\n"
        for (column, row) in counts.enumerated() {
            let total = row.reduce(0, +)
            for (mode, count) in row.enumerated() {
                let share = total > 0 ? count / total : 0
                // NB: a step without any high-quality sample is grey, not white: "nothing" is not "share 0".
                out += "<rect class=\"cell\" data-share=\"\(String(format: "%.4f", share))\" x=\"\(px(left + Double(column) * cellWidth))\" "
                    + "y=\"\(px(top + Double(mode) * cell))\" width=\"\(px(cellWidth))\" height=\"\(px(cell))\" fill=\"\(total > 0 ? shade(share) : Self.empty)\"/>"
            }
            out += "\n"
        }
        out += "<rect x=\"\(px(left))\" y=\"\(px(top))\" width=\"\(px(plotWidth))\" height=\"\(px(plotHeight))\" fill=\"none\" stroke=\"#333\"/>\n"
        out += "<g font-size=\"11\" fill=\"#333\">"
        for mode in 0..<modes {
            out += "<text x=\"\(px(left - 6))\" y=\"\(px(top + (Double(mode) + 0.5) * cell))\" dy=\"0.32em\" text-anchor=\"end\">\(mode)</text>"
        }
        // About six step labels, always the first and the last.
        let every = max(1, Int((Double(steps.count) / 6).rounded(.up)))
        for (column, step) in steps.enumerated() where column % every == 0 || column == steps.count - 1 {
            out += "<text x=\"\(px(left + (Double(column) + 0.5) * cellWidth))\" y=\"\(px(top + plotHeight + 16))\" text-anchor=\"middle\">\(step)</text>"
        }
        out += "</g>\n"
        out += "<text x=\"\(px(left + plotWidth / 2))\" y=\"\(px(height - 10))\" text-anchor=\"middle\" font-size=\"12\">step</text>\n"
        out += "<text transform=\"translate(18,\(px(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">mode</text>\n"
        // The colour scale.
        let scaleLeft = left + plotWidth + 24
        for i in 0..<10 {
            out += "<rect x=\"\(px(scaleLeft))\" y=\"\(px(top + Double(9 - i) * 12))\" width=\"14\" height=\"12\" fill=\"\(shade((Double(i) + 0.5) / 10))\"/>"
        }
        out += "<text x=\"\(px(scaleLeft + 20))\" y=\"\(px(top + 8))\" font-size=\"11\">share 1</text>"
        out += "<text x=\"\(px(scaleLeft + 20))\" y=\"\(px(top + 118))\" font-size=\"11\">0</text>\n"
        out += "<rect x=\"\(px(scaleLeft))\" y=\"\(px(top + 130))\" width=\"14\" height=\"12\" fill=\"\(Self.empty)\"/>"
        out += "<text x=\"\(px(scaleLeft + 20))\" y=\"\(px(top + 140))\" font-size=\"11\">no high-quality sample</text>\n"
        return out + "</svg>\n"
    }

    /// The fill of a step with no high-quality sample at all.
    static let empty = "#dddddd"

    /// White at 0, the colour at 1.
    func shade(_ share: Double) -> String {
        let s = min(max(share, 0), 1)
        func mix(_ c: Double) -> Int { Int((255 - (255 - c) * s).rounded()) }
        return "rgb(\(mix(color.r)),\(mix(color.g)),\(mix(color.b)))"
    }
}
