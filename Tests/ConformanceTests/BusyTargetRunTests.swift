// A target that already holds many tools, and someone else's tool that comes and goes during the run: no false verdict, and afterwards it
// holds exactly what it held before, because every case deletes what it created.
@testable import Conformance
import ToolContract
import HTTPWire
import JSONModel
import Testing

extension CatalogueRuns {
    @Suite struct BusyTargetRunTests {
        static let preloaded = 1_000

        /// Creates `count` tools on the target that are not the suite's, and returns their ids.
        private func preload(_ target: ReferenceTarget, count: Int, client: HTTPClient) async throws -> Set<String> {
            let key = target.configuration.dialect.apiKeyHeader(target.configuration.apiKey)
            var ids = Set<String>()
            for index in 0..<count {
                var spec = ToolSpec(url: "https://crm.example.com/leads/\(index)")
                spec.name = "someone_elses_tool_\(index)"
                let request = HTTPClientRequest(method: "POST", url: target.configuration.target + "/v1/tools",
                                                headers: HTTPHeaders([key, ("Content-Type", "application/json")]),
                                                body: spec.json(for: target.configuration.dialect).encoded())
                let answer = try await client.execute(request, timeout: .seconds(10))
                let id = try JSONValue.parse(answer.body)["id"]?.stringValue
                ids.insert(try #require(id, "preloading: \(answer.status)"))
            }
            return ids
        }

        /// Every tool id the target lists, following pages.
        private func listedIDs(_ target: ReferenceTarget, client: HTTPClient) async throws -> Set<String> {
            let environment = CaseEnvironment(
                target: target.configuration.target, apiKey: target.configuration.apiKey, dialect: target.configuration.dialect,
                capabilities: [], mockHost: "127.0.0.1", advertiseHost: "127.0.0.1", timeoutScale: 1, requestTimeout: .seconds(10),
                client: client, redactor: Redactor())
            let context = CaseContext(environment: environment)
            return Set(try await context.listedTools().compactMap { $0["id"]?.stringValue })
        }

        @Test(arguments: Dialect.allCases)
        func everyCasePasses_OnATargetHolding1000Tools_AndLeavesThemAsTheyWere(dialect: Dialect) async throws {
            // Two event loops, as `understudy serve` has, and the timing margins doubled as for the other catalogue
            // runs sharing two cores: the 1,000 tools make every list page heavy, and this test judges correctness on
            // a busy target, not its speed.
            var configured = try ReferenceTarget.start(dialect) { $0.http.loopCount = 2 }
            configured.configuration.timeoutScale = 2
            let target = configured
            let client = try HTTPClient()
            defer { client.shutdown() }
            let before = try await preload(target, count: Self.preloaded, client: client)
            #expect(try await listedIDs(target, client: client) == before)
            // Someone else keeps creating and deleting a tool of their own while the suite runs.
            let churn = Task {
                var rounds = 0
                while !Task.isCancelled {
                    let ids = try await preload(target, count: 1, client: client)
                    let key = dialect.apiKeyHeader(target.configuration.apiKey)
                    for id in ids {
                        _ = try await client.execute(HTTPClientRequest(method: "DELETE", url: target.configuration.target + "/v1/tools/\(id)",
                                                                       headers: HTTPHeaders([key])), timeout: .seconds(10))
                    }
                    rounds += 1
                }
                return rounds
            }
            let report = try await ConformanceRunner(configuration: target.configuration).run()
            churn.cancel()
            let churned = try await churn.value
            #expect(churned > 0)
            let after = try await listedIDs(target, client: client)
            target.server.stop()
            let notPassing = report.results.filter { $0.outcome != .pass }
            #expect(notPassing.isEmpty, "\(notPassing.map { "\($0.id): \($0.outcome.rawValue) \($0.message ?? "")" })")
            #expect(report.leftoverTools.isEmpty, "\(report.leftoverTools)")
            #expect(after == before, "left behind: \(after.subtracting(before).count), lost: \(before.subtracting(after).count)")
        }
    }
}
