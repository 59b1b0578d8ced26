// The runner's mechanics with hand-made cases against the reference server: outcomes, deadlines, skips, baselines.
@testable import Conformance
import ToolContract
import HTTPWire
import Synchronization
import Testing

@Suite struct ConformanceRunnerTests {
    static let failing = ConformanceCase.make("execute.required.fails") { context in
        _ = try await context.send("GET", "/v1/tools")
        try context.expect(false, "something the contract asks", observed: "something else")
    }

    @Test func outcomes_FollowTheRuleLevelAndTheErrorKind() async throws {
        let catalogue: [ConformanceCase] = [
            .make("execute.required.passes"),
            Self.failing,
            .make("retry.retry-after.should", rule: "retry.retry-after") { context in
                try context.expect(false, "a SHOULD", observed: "not done")
            },
            .make("execute.required.setup") { _ in throw CaseSetupError("setup: creating the tool failed: 500") },
            .make("oauth2.client-credentials.skipped", rule: "oauth2.client-credentials"),
            .make("execute.required.undeclared", capability: .revisions),
        ]
        var target = try ReferenceTarget.start()
        target.configuration.capabilities = []
        let report = try await target.run(catalogue: catalogue)
        let outcomes = Dictionary(uniqueKeysWithValues: report.results.map { ($0.id, $0.outcome) })
        #expect(outcomes == [
            "execute.required.passes": .pass, "execute.required.fails": .fail, "retry.retry-after.should": .nonStrict,
            "execute.required.setup": .error, "oauth2.client-credentials.skipped": .skipped,
            "execute.required.undeclared": .skipped,
        ])
        #expect(report.results.map(\.id) == catalogue.map(\.id), "results keep catalogue order")
        let skipped = report.results.first { $0.id == "oauth2.client-credentials.skipped" }
        #expect(skipped?.message?.contains("capability 'oauth2' not declared") == true)
        let failed = report.results.first { $0.id == "execute.required.fails" }
        #expect(failed?.evidence?.exchanges.first?.status == 200)
        #expect(failed?.message == "expected something the contract asks; something else")
        #expect(!report.certified && report.summary.blocking == 2)
    }

    @Test func aCasePastItsDeadline_IsAnErrorAndDoesNotHoldTheRun() async throws {
        // The case hangs 30 s, ignoring cancellation; its deadline is 0.2 s. A run that waited for it would take 30 s;
        // 10 s leaves room for a machine busy with the other suites.
        let hanging = ConformanceCase.make("execute.required.hangs") { _ in
            await ignoringCancellation(seconds: 30)
        }
        var target = try ReferenceTarget.start()
        target.configuration.caseDeadline = .milliseconds(200)
        let started = ContinuousClock.now
        let report = try await target.run(catalogue: [hanging, .make("execute.required.quick")])
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(report.results.map(\.outcome) == [.error, .pass])
        #expect(report.results[0].message?.contains("case deadline") == true)
    }

    @Test func baseline_ToleratesListedFailuresAndFlagsListedPasses() async throws {
        var target = try ReferenceTarget.start()
        target.configuration.baseline = Baseline(path: "b.txt", caseIDs: ["execute.required.fails"])
        let tolerated = try await target.run(catalogue: [Self.failing, .make("execute.required.passes")])
        #expect(tolerated.results[0].baselined && tolerated.certified && tolerated.staleBaseline.isEmpty)

        var second = try ReferenceTarget.start()
        second.configuration.baseline = Baseline(path: "b.txt", caseIDs: ["execute.required.passes"])
        let stale = try await second.run(catalogue: [.make("execute.required.passes")])
        #expect(stale.staleBaseline == ["execute.required.passes"] && !stale.certified)
    }

    @Test func longestWaitsStartFirst_AndTheLongestIsReported() async throws {
        let order = OrderLog()
        let catalogue = ["a", "b", "c"].enumerated().map { index, name in
            ConformanceCase.make("execute.required.\(name)", wait: .seconds(index)) { _ in order.append(name) }
        }
        var target = try ReferenceTarget.start()
        target.configuration.jobs = 1
        let report = try await target.run(catalogue: catalogue)
        #expect(order.names == ["c", "b", "a"])
        #expect(report.longestCaseWaitMs == 2000 && report.jobs == 1)
    }

    @Test func unreachableTarget_IsASetupError() async throws {
        var configuration = RunConfiguration(target: "http://127.0.0.1:9", apiKey: "k")
        configuration.requestTimeout = .seconds(2)
        await #expect(throws: RunSetupError.self) {
            _ = try await ConformanceRunner(configuration: configuration, catalogue: [.make("execute.required.x")]).run()
        }
    }

    @Test func wrongAPIKey_IsASetupErrorThatDoesNotPrintTheKey() async throws {
        var target = try ReferenceTarget.start()
        target.configuration.apiKey = "wrong-key-planted-1234"
        do {
            _ = try await target.run(catalogue: [.make("execute.required.x")])
            Issue.record("expected a setup error")
        } catch let error as RunSetupError {
            #expect(error.message.contains("rejected the API key") && !error.message.contains("planted"))
        }
    }

    @Test(arguments: Dialect.allCases)
    func theOtherDialect_IsASetupError_NamingIt_AndLeavesNothing(dialect: Dialect) async throws {
        let other: Dialect = dialect == .feather ? .oneinbox : .feather
        let target = try ReferenceTarget.start(other)
        defer { target.server.stop() }
        var configuration = target.configuration
        configuration.dialect = dialect
        let client = try HTTPClient()
        defer { client.shutdown() }
        let key = other.apiKeyHeader(target.configuration.apiKey)
        let runner = ConformanceRunner(configuration: configuration, catalogue: [.make("execute.required.x")])
        let message = await setupErrorMessage { () async throws(RunSetupError) in _ = try await runner.run() }
        #expect(message.contains("seems to speak \(other.rawValue), not \(dialect.rawValue)"), "\(message)")
        #expect(message.contains("run with --dialect \(other.rawValue)"))
        let list = try await client.execute(HTTPClientRequest(url: target.configuration.target + "/v1/tools", headers: HTTPHeaders([key])),
                                            timeout: .seconds(5))
        #expect(list.bodyText.contains(#""items":[]"#), "the probe's tool was deleted: \(list.bodyText)")
    }

    @Test func notAToolServer_IsASetupError() async throws {
        let server = HTTPServer { _, writer in
            writer.respond(.text(200, "<html>hello</html>"))
        }
        try server.start()
        defer { server.stop(gracePeriod: .zero) }
        let configuration = RunConfiguration(target: server.baseURL ?? "", apiKey: "k")
        do {
            _ = try await ConformanceRunner(configuration: configuration, catalogue: [.make("execute.required.x")]).run()
            Issue.record("expected a setup error")
        } catch {
            #expect(error.message.contains("does not look like a feather tool server"))
        }
    }
}

/// Names in the order cases ran.
final class OrderLog: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ name: String) { storage.withLock { $0.append(name) } }
    var names: [String] { storage.withLock { $0 } }
}

/// The message of the setup error `work` throws; "" when it throws none.
private func setupErrorMessage(_ work: () async throws(RunSetupError) -> Void) async -> String {
    do throws(RunSetupError) {
        try await work()
        return ""
    } catch {
        return error.message
    }
}
