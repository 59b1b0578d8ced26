// A mock system started for one case: its own port, journal, faults and token, so cases never see each other.
import HTTPWire
import JSONModel
import MockSystems

/// One of the case's mock downstream systems.
public struct CaseMock: Sendable {
    /// The running mock (journal, faults, records).
    public let system: MockSystem
    /// The base URL the target must use, with the advertised host (`http://10.0.0.5:41234`).
    public let baseURL: String
    /// The bearer token the mock requires (nil when it requires none); registered as a secret.
    public let token: String?
    /// Starts the name of every tool the run creates (`RunConfiguration.toolPrefix`); tools calling this mock use it.
    public let toolPrefix: String

    /// The advertised URL of `path` (`/callbacks`).
    public func url(_ path: String) -> String { baseURL + path }

    /// The requests journaled so far on `route` (every route when nil), oldest first.
    public func requests(route: String? = nil) -> [JournalEntry] {
        system.journal.entries(filter: JournalFilter(route: route))
    }

    /// Waits (without blocking a thread) until `count` requests reached `route`, or `span` passes; returns the count.
    public func waitForRequests(route: String? = nil, count: Int, within span: Duration) async -> Int {
        await system.journal.waitForCount(matching: RequestMatcher(route: route), atLeast: count, timeout: span)
    }

    /// Installs `rule` (built with `FaultRule`'s factories, e.g. `.respond(503, times: 1)`).
    public func addFault(_ rule: FaultRule) { system.addFault(rule) }
}
