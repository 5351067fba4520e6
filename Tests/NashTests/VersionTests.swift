import Nash
import Testing

/// Which recorded versions have this build's numbers (the replay note's test).
@Test func versionsBeforeTheKBlockedReductionsAreNotReproduced() {
    #expect(NashVersion.reproduces(NashVersion.string))
    #expect(NashVersion.reproduces("0.2.0") && NashVersion.reproduces("0.10.1") && NashVersion.reproduces("1.0"))
    #expect(!NashVersion.reproduces("0.1.0") && !NashVersion.reproduces("0.1.9") && !NashVersion.reproduces("0"))
    // A name that does not parse is given the benefit of the doubt (no note).
    #expect(NashVersion.reproduces("dev"))
}
