import Foundation
import NashStore
import Testing

@Suite("Attributes")
struct AttributeTests {
    /// One attribute of every kind, with non-ASCII UTF-8, empty strings and empty arrays.
    static let everyKind: [(String, H5AttributeValue)] = [
        ("format", .string("nash-run")),
        ("note", .string("Grüße — 日本語 🙂 naïve")),
        ("empty", .string("")),
        ("seed", .int64(-9_007_199_254_740_993)),
        ("temperature", .double(-0.0)),
        ("lr", .double(1.0e-4)),
        ("curves", .strings(["loss/D", "loss/G", "D/accuracy", "ünïcödé", ""])),
        ("steps", .int64s([0, 5_000, Int64.max, Int64.min])),
        ("betas", .doubles([0.5, 0.999, .infinity])),
        ("no_strings", .strings([])),
        ("no_ints", .int64s([])),
        ("no_doubles", .doubles([])),
    ]

    @Test("every kind round-trips on the file, a group and a dataset")
    func everyKindOnEveryHolder() throws {
        let scratch = Scratch()
        let path = scratch.path("attributes.h5")
        do {
            let file = try H5File(path: path, mode: .create)
            let group = try file.createGroup("checkpoints/5000")
            let dataset = try group.write("weights", [1, 2, 3] as [Float])
            for holder in [file, group, dataset] as [H5Object] {
                for (name, value) in Self.everyKind { try holder.setAttribute(name, value) }
            }
            try file.close()
        }
        let file = try H5File(path: path)
        let holders: [H5Object] = [file, try file.group("checkpoints/5000"),
                                   try file.dataset("checkpoints/5000/weights")]
        for holder in holders {
            #expect(try holder.attributeNames() == Self.everyKind.map(\.0).sorted())
            for (name, value) in Self.everyKind {
                #expect(try holder.attribute(name) == value, "\(holder.path)@\(name)")
            }
        }
        // The sign of -0.0 survives.
        #expect(try file.attribute("temperature", as: Double.self).sign == .minus)
    }

    @Test("typed reads and literal writes")
    func typedReads() throws {
        let scratch = Scratch()
        let file = try H5File(path: scratch.path("typed.h5"), mode: .create)
        try file.setAttribute("status", "running")
        try file.setAttribute("seed", 7)
        try file.setAttribute("step", Int64(25_000))
        try file.setAttribute("gamma", 0.25)
        try file.setAttribute("seeds", [1, 2, 3])
        try file.setAttribute("modes", ["a", "b"])
        try file.setAttribute("sigmas", [0.1, 0.2])
        #expect(try file.attribute("status", as: String.self) == "running")
        #expect(try file.attribute("seed", as: Int.self) == 7)
        #expect(try file.attribute("step", as: Int64.self) == 25_000)
        #expect(try file.attribute("gamma", as: Double.self) == 0.25)
        #expect(try file.attribute("seeds", as: [Int].self) == [1, 2, 3])
        #expect(try file.attribute("seeds", as: [Int64].self) == [1, 2, 3])
        #expect(try file.attribute("modes", as: [String].self) == ["a", "b"])
        #expect(try file.attribute("sigmas", as: [Double].self) == [0.1, 0.2])

        // Replacing an attribute may change its type.
        try file.setAttribute("status", 3)
        #expect(try file.attribute("status") == .int64(3))
        try file.setAttribute("status", "complete")
        #expect(try file.attribute("status", as: String.self) == "complete")

        #expect(try file.hasAttribute("seed"))
        try file.deleteAttribute("seed")
        #expect(try !file.hasAttribute("seed"))
        #expect(try file.attributeNames() == ["gamma", "modes", "seeds", "sigmas", "status", "step"])
    }

    @Test("reading an attribute as the wrong type or a missing one is a clear error")
    func attributeErrors() throws {
        let scratch = Scratch()
        let path = scratch.path("errors.h5")
        let file = try H5File(path: path, mode: .create)
        let group = try file.createGroup("curves")
        try group.setAttribute("count", 3)
        try group.setAttribute("names", ["a"])

        let wrong = try #require(throws: H5Error.self) { try group.attribute("count", as: String.self) }
        #expect(wrong.kind == .wrongType)
        #expect(wrong.description == "\(path): /curves@count: attribute holds int64, not string")

        let scalarVsArray = try #require(throws: H5Error.self) { try group.attribute("names", as: String.self) }
        #expect(scalarVsArray.description.hasSuffix("attribute holds [string], not string"))
        let integerVsDouble = try #require(throws: H5Error.self) { try group.attribute("count", as: Double.self) }
        #expect(integerVsDouble.description.hasSuffix("attribute holds int64, not float64"))

        let missing = try #require(throws: H5Error.self) { try group.attribute("nope") }
        #expect(missing.kind == .notFound)
        #expect(missing.description == "\(path): /curves@nope: no such attribute")
        #expect(throws: H5Error.self) { try group.deleteAttribute("nope") }

        let nul = try #require(throws: H5Error.self) { try group.setAttribute("bad", "a\u{0}b") }
        #expect(nul.kind == .invalidArgument)
        #expect(nul.description.contains("NUL"))
    }
}
