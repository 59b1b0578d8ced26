// Baseline files: ids, comments, unknown ids.
import Conformance
import Testing

@Suite struct BaselineTests {
    @Test func parse_ReadsIDsAndIgnoresCommentsAndBlankLines() throws {
        let text = "# known failures\nretry.count.at-most   # TICKET-12\n\n  execute.types.int  \n"
        let baseline = try Baseline.parse(text, path: "b.txt", knownIDs: ["retry.count.at-most", "execute.types.int", "x.y.z"])
        #expect(baseline.caseIDs == ["retry.count.at-most", "execute.types.int"])
    }

    @Test func parse_RejectsAnUnknownIDWithItsLine() {
        #expect {
            try Baseline.parse("retry.count.at-most\nretry.cuont.typo\n", path: "b.txt", knownIDs: ["retry.count.at-most"])
        } throws: { error in
            (error as? BaselineError)?.message.contains("b.txt:2: 'retry.cuont.typo'") == true
        }
    }
}
