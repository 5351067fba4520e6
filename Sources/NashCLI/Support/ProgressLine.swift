import Foundation

/// One live status line per run on a terminal; silent when stdout is not a terminal (pipes, CI logs).
///
/// The line is redrawn in place at most `redrawInterval` seconds apart:
/// `ring8 seed 1  1200/25000  830 steps/s  ETA 0:29  loss/D 1.352  loss/G 0.733  D/acc 0.56`.
final class ProgressLine {
    let label: String
    let total: Int
    let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var startStep: Int?
    static let redrawInterval = 0.2

    init(label: String, total: Int, enabled: Bool = ProgressLine.stdoutIsTerminal) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Redraws the line if enough time has passed since the last redraw.
    func update(step: Int, curves: [String: Double]) {
        guard enabled else { return }
        let now = Date()
        if startStep == nil { startStep = step }
        guard now.timeIntervalSince(lastDraw) >= ProgressLine.redrawInterval || step >= total else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        let done = step - (startStep ?? 0)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - step) / rate : 0
        var parts = ["\(label)", "\(step)/\(total)", String(format: "%.0f steps/s", rate), "ETA \(ProgressLine.clock(eta))"]
        for (name, short) in [("loss/D", "loss/D"), ("loss/G", "loss/G"), ("D/accuracy", "D/acc")] {
            if let v = curves[name] { parts.append("\(short) \(ProgressLine.number(v))") }
        }
        let line = parts.joined(separator: "  ")
        FileHandle.standardOutput.write(Data("\r\u{1B}[2K\(line)".utf8))
    }

    /// Ends the live line so that what follows starts on a fresh line.
    func finish() {
        guard enabled, lastDraw != .distantPast else { return }
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                         : String(format: "%d:%02d", s / 60, s % 60)
    }

    static func number(_ v: Double) -> String {
        v.isFinite ? String(format: abs(v) >= 1000 || (abs(v) < 0.001 && v != 0) ? "%.3e" : "%.3f", v) : "\(v)"
    }
}
