// The whole catalogue against a correct target far away: a delaying proxy on both paths (suite -> target and
// target -> mocks). No false verdict, and the wall time stays within the longest case's critical path.
@testable import Conformance
import Testing

extension CatalogueRuns {
    @Suite struct LatencyRunTests {
        /// Runs the catalogue (or `only`) against the reference server with `delay` added each way on both paths.
        static func run(_ dialect: TargetDialect, delay: Duration, only: [String] = []) async throws -> RunReport {
            let target = try ReferenceTarget.start(dialect)
            defer { target.server.stop() }
            let port = try #require(target.server.port)
            let front = try DelayingProxy(upstreamPort: port, delay: delay)
            defer { front.stop() }
            var configuration = target.configuration
            configuration.target = front.url
            configuration.only = only
            configuration.mockFront = { mockPort in
                let proxy = try DelayingProxy(upstreamPort: mockPort, delay: delay)
                return RunConfiguration.MockFront(port: proxy.port, stop: proxy.stop)
            }
            return try await ConformanceRunner(configuration: configuration).run()
        }

        @Test(arguments: TargetDialect.allCases)
        func everyCasePasses_With200msEachWayOnBothPaths(dialect: TargetDialect) async throws {
            let report = try await Self.run(dialect, delay: .milliseconds(200))
            let notPassing = report.results.filter { $0.outcome != .pass }.map { "\($0.id): \($0.outcome.rawValue) \($0.message ?? "")" }
            #expect(notPassing.isEmpty, "\(notPassing)")
        }
    }
}
