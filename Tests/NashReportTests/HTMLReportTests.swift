import Foundation
import NashReport
import Testing

/// The HTML report is one self-contained page that headless Chromium renders, holding the stamp, the
/// diagnosis, the curves, the samples and the escaped source.
struct HTMLReportTests {
    @Test func reportIsSelfContainedAndComplete() throws {
        let collection = try ReportFixture.collection()
        let out = ReportFixture.output("html")
        let written = try Exporter.export(collection, ExportOptions(format: .html, curves: ["loss/D", "D/accuracy", "modes"], output: out))
        #expect(written == [out + "/ring.html"])
        let html = try String(contentsOfFile: written[0], encoding: .utf8)
        // Nothing to fetch: no scripts, no links to style sheets, fonts or images.
        for forbidden in ["<script", "<link", "<img", "src=", "url(", "@import", "https://", "http://fonts"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        // Stamp: every run's digest and spec hash, the build and kernel.
        for run in collection.runs {
            #expect(html.contains(run.digest!))
            #expect(html.contains(run.header.specHash))
            #expect(html.contains(run.header.kernel))
        }
        #expect(html.contains("Swift version test"))
        // Source, escaped.
        #expect(html.contains("// A &lt;ring&gt; &amp; &quot;friends&quot;: escaped in every output."))
        #expect(!html.contains("<ring>"))
        // Curves: one inline chart per curve with one line per variant; samples and histograms per run.
        #expect(html.components(separatedBy: "<path class=\"line\"").count - 1 == 3 * 2)
        #expect(html.components(separatedBy: "<g class=\"panel\"").count - 1 == 4 * 3)
        #expect(html.components(separatedBy: "<rect class=\"cell\"").count - 1 == 4 * 5 * 8)
        // Diagnosis: every run has a row (findings or "no findings").
        let diagnosis = try #require(html.components(separatedBy: "<section id=\"diagnosis\">").last?.components(separatedBy: "</section>").first)
        #expect(diagnosis.components(separatedBy: "<tr><td>").count - 1 >= 4)
    }

    @Test func headlessChromiumRendersTheReport() throws {
        let out = ReportFixture.output("html-render")
        let written = try Exporter.export(try ReportFixture.collection(), ExportOptions(format: .html, output: out))
        let png = out + "/ring.png"
        let profile = out + "/chromium-profile"
        let result = try runInterleaved("/usr/bin/chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile)", "--screenshot=\(png)", "--window-size=1200,2000",
            "file://" + written[0],
        ])
        #expect(result.status == 0, "\(result.output)")
        let data = try #require(FileManager.default.contents(atPath: png))
        // A PNG signature, a 1200×2000 image, and more than a blank page's worth of bytes.
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1200 && height == 2000)
        #expect(data.count > 20_000)
    }
}
