// The whole catalogue against a correct target far away: a delaying proxy on both paths (suite -> target and
// target -> mocks). No false verdict, and the wall time stays within the longest case's critical path.
@testable import Conformance
import ToolContract
import ReferenceToolServer
import Testing

extension CatalogueRuns {
    @Suite struct LatencyRunTests {
        /// Runs the catalogue (or `only`) against the reference server (`configure`d) with `delay` added each way on
        /// both paths.
        static func run(_ dialect: Dialect, delay: Duration, only: [String] = [],
                        configure: (inout ToolServer.Configuration) -> Void = { _ in }) async throws -> RunReport {
            let target = try ReferenceTarget.start(dialect, configure: configure)
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

        @Test(arguments: Dialect.allCases)
        func everyCasePasses_With200msEachWayOnBothPaths(dialect: Dialect) async throws {
            let delay = Duration.milliseconds(200)
            let report = try await Self.run(dialect, delay: delay)
            let notPassing = report.results.filter { $0.outcome != .pass }.map { "\($0.id): \($0.outcome.rawValue) \($0.message ?? "")" }
            #expect(notPassing.isEmpty, "\(notPassing)")
            // The run takes about its longest case's time plus the setup probe's round trips (its first request and
            // the samples). A quarter of the longest case and 2 s more cover 32 cases starting at once, with their
            // mocks and proxies, on two cores that other test suites share.
            let longest = try #require(report.longestCase)
            let roundTripMs = 2 * Double(delay.components.seconds * 1000) + Double(delay.components.attoseconds) / 1e15
            let allowed = 1.25 * longest.durationMs + Double(1 + TargetProbe.roundTripSamples) * roundTripMs + 2000
            #expect(report.durationMs <= allowed, "wall \(Int(report.durationMs)) ms; \(longest.id) took \(Int(longest.durationMs)) ms")
            #expect(report.targetRoundTrip.medianMs >= roundTripMs)
            // The report states the floor: the longest critical path, a wait plus round trips at this distance.
            #expect(report.longestCriticalPathMs >= report.longestCaseWaitMs + roundTripMs)
        }

        @Test func everyCasePasses_With500msEachWayOnBothPaths() async throws {
            let report = try await Self.run(.feather, delay: .milliseconds(500))
            let notPassing = report.results.filter { $0.outcome != .pass }.map { "\($0.id): \($0.outcome.rawValue) \($0.message ?? "")" }
            #expect(notPassing.isEmpty, "\(notPassing)")
        }

        /// Each defective server is still caught at 200 ms each way: the cases of the rules it breaks, run alone (the
        /// whole catalogue's freedom from false failures at that latency is the test above).
        @Test(arguments: Defect.allCases)
        func eachDefectIsCaught_With200msEachWay(defect: Defect) async throws {
            let cases = Catalogue.all.filter { defect.breaks.contains($0.rule) && $0.dialects.contains(defect.dialect) }.map(\.id)
            let report = try await Self.run(defect.dialect, delay: .milliseconds(200), only: cases, configure: defect.configure)
            let findings = DefectFindings(defect: defect, report: report)
            #expect(findings.uncaughtRules.isEmpty, "\(defect.rawValue) escaped: \(findings.uncaughtDescription)")
        }

        /// Each rewrite defect of an execution (a clause broken only in what the server sends while it executes) is
        /// still caught at 200 ms each way. Rewrites of the tool API's own answers (statuses, 422s, list pages) do not
        /// depend on time, and the catalogue's freedom from false failures at that latency is the test above.
        @Test(arguments: RewriteDefect.allCases.filter(\.concernsExecution))
        func eachRewriteDefectIsCaught_With200msEachWay(defect: RewriteDefect) async throws {
            let cases = Catalogue.all.filter { $0.rule == defect.rule && $0.dialects.contains(.feather) }.map(\.id)
            let report = try await Self.run(.feather, delay: .milliseconds(200), only: cases, configure: defect.configure)
            let outcomes = report.results.map { "\($0.id) \($0.outcome.rawValue)" }.joined(separator: ", ")
            #expect(report.results.contains { $0.outcome == .fail }, "\(defect.rawValue) (\(defect.clause)) escaped: \(outcomes)")
        }
    }
}
