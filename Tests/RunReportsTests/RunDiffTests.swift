// RunDiff: every pair of outcomes in exactly one class, cases matched by id across versions and dialects, reasons
// from the side that explains them, baselined results counted by their outcome, strings bounded.
import Conformance
import Foundation
import Testing
@testable import RunReports

@Suite struct RunDiffTests {
    /// Every (before, after) pair, absent included, with the class README's "Comparing runs" gives it.
    static let classes: [(CaseOutcome?, CaseOutcome?, RunDiff.Change?)] = [
        (.pass, .pass, nil), (.pass, .fail, .newlyFailing), (.pass, .error, .newlyFailing),
        (.pass, .nonStrict, .changed), (.pass, .skipped, .changed), (.pass, nil, .removed),
        (.fail, .pass, .newlyPassing), (.fail, .fail, .stillFailing), (.fail, .error, .stillFailing),
        (.fail, .nonStrict, .changed), (.fail, .skipped, .changed), (.fail, nil, .removed),
        (.error, .pass, .newlyPassing), (.error, .fail, .stillFailing), (.error, .error, .stillFailing),
        (.error, .nonStrict, .changed), (.error, .skipped, .changed), (.error, nil, .removed),
        (.nonStrict, .pass, .changed), (.nonStrict, .fail, .newlyFailing), (.nonStrict, .error, .newlyFailing),
        (.nonStrict, .nonStrict, nil), (.nonStrict, .skipped, .changed), (.nonStrict, nil, .removed),
        (.skipped, .pass, .changed), (.skipped, .fail, .newlyFailing), (.skipped, .error, .newlyFailing),
        (.skipped, .nonStrict, .changed), (.skipped, .skipped, nil), (.skipped, nil, .removed),
        (nil, .pass, .added), (nil, .fail, .newlyFailing), (nil, .error, .newlyFailing),
        (nil, .nonStrict, .added), (nil, .skipped, .added), (nil, nil, nil),
    ]

    @Test func change_ClassifiesEveryPairOfOutcomes() {
        let outcomes: [CaseOutcome?] = [nil] + CaseOutcome.allCases
        #expect(Self.classes.count == outcomes.count * outcomes.count)
        for (old, new, expected) in Self.classes {
            #expect(RunDiff.Change(old: old, new: new) == expected, "\(String(describing: old)) → \(String(describing: new))")
        }
    }

    @Test func diff_PutsEachCaseInItsClass_AndRegressesOnlyOnNewFailures() {
        // One case per pair, named after it; the diff must agree with the table case by case.
        var before: [CaseResult] = []
        var after: [CaseResult] = []
        for (index, (old, new, _)) in Self.classes.enumerated() {
            let id = "pair.\(index)"
            if let old { before.append(.make(id, outcome: old)) }
            if let new { after.append(.make(id, outcome: new)) }
        }
        let diff = RunDiff(old: .make(results: before), new: .make(results: after))
        for (index, (_, _, expected)) in Self.classes.enumerated() {
            #expect(diff.entries.first { $0.id == "pair.\(index)" }?.change == expected, "pair.\(index)")
        }
        #expect(diff.unchanged == 3)
        #expect(diff.entries.count + diff.unchanged == Set(before.map(\.id) + after.map(\.id)).count)
        #expect(diff.regressed)
        let fixed = RunDiff(old: .make(results: before), new: .make(results: after.filter { !$0.outcome.isFailing }))
        #expect(!fixed.regressed)
        #expect(fixed.count(.newlyFailing) == 0)
    }

    @Test func diff_ListsCasesInTheLaterRunsOrder_ThenRemovedInTheEarlierRunsOrder() {
        let old = RunReport.make(results: [.make("a.gone", outcome: .pass), .make("b.kept", outcome: .pass),
                                           .make("c.gone", outcome: .fail), .make("d.kept", outcome: .fail)])
        let new = RunReport.make(results: [.make("d.kept", outcome: .pass), .make("e.new", outcome: .skipped),
                                           .make("b.kept", outcome: .error)])
        let diff = RunDiff(old: old, new: new)
        #expect(diff.entries.map(\.id) == ["d.kept", "e.new", "b.kept", "a.gone", "c.gone"])
        #expect(diff.entries.map(\.change) == [.newlyPassing, .added, .newlyFailing, .removed, .removed])
    }

    @Test func diff_MatchesByID_AcrossSuiteVersionsAndDialects() {
        var old = RunReport.make(results: [.make("lifecycle.create.minimal", outcome: .pass),
                                           .make("feather.only", outcome: .pass)])
        old.suiteVersion = "0.4.0"
        var new = RunReport.make(results: [.make("oneinbox.only", outcome: .fail),
                                           .make("lifecycle.create.minimal", outcome: .pass)])
        new.dialect = "oneinbox"
        let diff = RunDiff(old: old, new: new)
        #expect(diff.runDifferences == ["suite version 0.4.0 → 0.9.0", "dialect feather → oneinbox"])
        #expect(diff.unchanged == 1)
        #expect(diff.entries.map(\.id) == ["oneinbox.only", "feather.only"])
        #expect(diff.entries.map(\.change) == [.newlyFailing, .removed])
        #expect(diff.entries[0].old == nil && diff.entries[1].new == nil)
        #expect(diff.old.suiteVersion == "0.4.0" && diff.new.dialect == "oneinbox")
        #expect(RunDiff(old: new, new: new).runDifferences.isEmpty)
    }

    @Test func diff_NotesBaselinedResults_ButCountsThemByOutcome() {
        let old = RunReport.make(results: [.make("a.b", outcome: .pass), .make("c.d", outcome: .fail, baselined: true)])
        let new = RunReport.make(results: [.make("a.b", outcome: .fail, baselined: true),
                                           .make("c.d", outcome: .fail, baselined: true)])
        let diff = RunDiff(old: old, new: new)
        #expect(diff.entries.map(\.change) == [.newlyFailing, .stillFailing])
        #expect(diff.regressed)
        #expect(diff.entries[0].new == RunDiff.Side(outcome: .fail, baselined: true))
        #expect(diff.entries[0].transition == "pass → fail (baselined)")
        #expect(diff.entries[1].transition == "fail (baselined) → fail (baselined)")
    }

    @Test func diff_TakesTheReason_FromTheSideThatExplainsIt() {
        let old = RunReport.make(results: [.make("a.fixed", outcome: .fail, message: "was broken"),
                                           .make("b.broke", outcome: .pass),
                                           .make("c.gone", outcome: .error, message: "was unreachable")])
        let new = RunReport.make(results: [.make("a.fixed", outcome: .pass),
                                           .make("b.broke", outcome: .fail, message: "now broken"),
                                           .make("d.new", outcome: .skipped, message: "capability x not declared")])
        let reasons = Dictionary(uniqueKeysWithValues: RunDiff(old: old, new: new).entries.map { ($0.id, $0.reason) })
        #expect(reasons == ["a.fixed": "was broken", "b.broke": "now broken", "c.gone": "was unreachable",
                            "d.new": "capability x not declared"])
    }

    @Test func diff_KeepsEachStringOnOneBoundedLine() {
        let long = String(repeating: "é", count: 5000)
        var result = CaseResult.make("a.b", outcome: .fail, message: "line one\nline two\r\n\ttab \u{01}" + long)
        result.title = "title\n" + long
        var new = RunReport.make(results: [result])
        new.targetLabel = long
        let diff = RunDiff(old: .make(results: [.make("a.b", outcome: .pass)]), new: new)
        let entry = diff.entries[0]
        #expect(entry.reason?.hasPrefix("line one line two  tab é") == true)
        #expect(entry.reason?.unicodeScalars.count == RunDiff.reasonMaxCharacters)
        #expect(entry.reason?.hasSuffix("…") == true)
        #expect(entry.title.unicodeScalars.count == RunDiff.titleMaxCharacters)
        #expect(!entry.title.contains("\n"))
        #expect(diff.new.targetLabel.unicodeScalars.count == RunDiff.titleMaxCharacters)
        #expect("short".diffLine(max: 5) == "short")
    }

    @Test func diff_CountsADuplicatedIDOnce() {
        let results: [CaseResult] = [.make("a.b", outcome: .fail), .make("a.b", outcome: .pass)]
        let diff = RunDiff(old: .make(results: results), new: .make(results: results))
        #expect(diff.entries.map(\.change) == [.stillFailing])
        #expect(diff.unchanged == 0)
    }
}
