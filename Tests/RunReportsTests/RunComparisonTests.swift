// The comparison's matrix: the union of case ids of runs of different suite versions and dialects, grouped by area,
// with MUST scores per area and run.
import Conformance
import Testing
@testable import RunReports

@Suite struct RunComparisonTests {
    @Test func comparison_HasOneColumnPerRun_LabelledByTargetDialectAndVersion_OrByLabel() throws {
        let (old, new) = try RunComparison.makeRuns()
        let comparison = RunComparison([old, new], labels: ["before"])
        #expect(comparison.columns.map(\.label) == ["before", "staging <tool> server & co"])
        #expect(comparison.columns.map(\.targetLabel) == ["reference server", "staging <tool> server & co"])
        #expect(comparison.columns.map(\.dialect) == ["feather", "oneinbox"])
        #expect(comparison.columns.map(\.suiteVersion) == ["0.8.0", "0.9.0"])
        #expect(comparison.columns.map(\.certified) == [false, false])
    }

    @Test func comparison_RowsAreTheUnionOfCaseIds_ByAreaInOrderOfFirstAppearance() throws {
        let (old, new) = try RunComparison.makeRuns()
        let comparison = RunComparison([old, new])
        #expect(comparison.areas.map(\.name) == ["lifecycle", "execute", "oauth", "transfer"])
        #expect(comparison.areas.map { $0.rows.map(\.id) } == [
            ["lifecycle.create.minimal", "lifecycle.create.duplicate", "lifecycle.delete.gone"],
            ["execute.retry.backoff"], ["oauth.token.refresh"], ["transfer.call.warm"],
        ])
        let outcomes = comparison.areas.flatMap(\.rows).map { $0.cells.map { $0?.outcome } }
        #expect(outcomes == [[.pass, .pass], [.fail, .pass], [nil, .pass], [.nonStrict, .pass], [.skipped, nil], [nil, .error]])
    }

    @Test func comparison_ScoresMustCasesPassedOfRun_PerAreaAndInTotal() throws {
        let (old, new) = try RunComparison.makeRuns()
        let comparison = RunComparison([old, new])
        // execute holds a SHOULD case only; oauth's MUST case was skipped in the old run and absent from the new.
        #expect(comparison.areas.map(\.scores) == [
            [MustScore(passed: 1, run: 2), MustScore(passed: 3, run: 3)],
            [MustScore(passed: 0, run: 0), MustScore(passed: 0, run: 0)],
            [MustScore(passed: 0, run: 0), nil],
            [nil, MustScore(passed: 0, run: 1)],
        ])
        #expect(comparison.totals == [MustScore(passed: 1, run: 2), MustScore(passed: 3, run: 4)])
    }

    @Test func comparison_KeepsARunsFirstResult_ForAnIdListedTwice() {
        let first = CaseResult.make("a.one", outcome: .fail, message: "first")
        let report = RunReport.make(results: [first, .make("a.one", outcome: .pass)])
        let comparison = RunComparison([report, report])
        #expect(comparison.areas.flatMap(\.rows).map(\.cells) == [[first, first]])
    }
}

extension RunComparison {
    /// Two runs as read back from their run.json: suite 0.8.0 in feather against "reference server", and suite 0.9.0
    /// in oneinbox against the hostile "staging <tool> server & co". Each has cases the other lacks; the old run fails
    /// `lifecycle.create.duplicate` with a hostile message, the new one errors on `transfer.call.warm`.
    static func makeRuns() throws -> (old: RunReport, new: RunReport) {
        var old = RunReport.make(results: [
            .make("lifecycle.create.minimal", outcome: .pass),
            .make("lifecycle.create.duplicate", outcome: .fail, message: "expected 409; got 201 " + RunReport.hostileText),
            .make("execute.retry.backoff", level: .should, outcome: .nonStrict, message: "retries were not spaced out"),
            .make("oauth.token.refresh", outcome: .skipped, capability: "oauth2", message: "capability oauth2 not declared"),
        ])
        old.suiteVersion = "0.8.0"
        old.targetLabel = "reference server"
        var new = RunReport.make(results: [
            .make("lifecycle.create.minimal", outcome: .pass),
            .make("lifecycle.create.duplicate", outcome: .pass),
            .make("execute.retry.backoff", level: .should, outcome: .pass),
            .make("transfer.call.warm", outcome: .error, message: "target unreachable: connection refused"),
            .make("lifecycle.delete.gone", outcome: .pass),
        ])
        new.dialect = "oneinbox"
        return (try old.readBack(), try new.readBack())
    }
}

extension RunReport {
    /// The report as `understudy report compare` gets it: written as run.json and read back.
    func readBack() throws -> RunReport {
        try RunReport(jsonBytes: Array(jsonValue.indentedText.utf8))
    }
}
