// One live dashboard for a whole cluster: its own HTTP server, a page from the binary, and an API over the systems.
import Foundation
import HTTPWire
import Synchronization

/// Serves the dashboard page and its API (`/api/...`) for every system of a `MockCluster`, on its own port.
///
/// Live updates are long polls on the cluster's `DashboardFeed`: while a page looks, every system's journal observer
/// appends each arrival, completion and reset (entry ids), and a waiting poll is woken on its own loop. Nothing on a
/// request's path waits for a browser, and while none looks a request pays one atomic load.
public final class MockDashboard: Sendable {
    /// How the dashboard is served and what it allows.
    public struct Configuration: Sendable {
        /// Host, port (0 picks a free one), TLS and limits of the dashboard's own server; one event loop.
        public var http: HTTPServer.Configuration
        /// When set, every `/api/` call needs `Authorization: Bearer <token>` or `X-Admin-Token: <token>` (else
        /// 401). The page itself holds no data and is served to anyone who reaches the port; it asks for the token.
        public var adminToken: String?
        /// Events the feed keeps; a browser further behind is told how many it missed and carries on.
        public var feedCapacity = DashboardFeed.defaultCapacity
        /// Long polls held at once; one more answers the oldest at once with nothing new.
        public var maxWaiters = DashboardFeed.defaultMaxWaiters
        /// Longest `wait_ms` a long poll may ask for; more is 400.
        public var maxWaitMilliseconds = 30_000
        /// Most events or requests one answer carries (`limit`, default this); more is 400.
        public var maxPageSize = 500
        /// Most records of a collection one answer carries (the newest; `limit`, default this); more is 400.
        public var maxRecords = 500

        public init() {
            http = HTTPServer.Configuration()
            http.loopCount = 1
        }
    }

    /// The systems shown, in start order.
    public let systems: [MockSystem]
    public let configuration: Configuration
    /// Every system's journal changes, numbered.
    public let feed: DashboardFeed
    private let server = Mutex<HTTPServer?>(nil)

    /// A dashboard for `cluster`; it follows the journals while a page looks (`DashboardFeed.watchWindow` after the
    /// last API call; what arrived before is read from the journals).
    public init(cluster: MockCluster, configuration: Configuration = Configuration(),
                scheduler: @escaping JournalTimerScheduler = Journal.dispatchTimer) {
        systems = cluster.systems
        self.configuration = configuration
        feed = DashboardFeed(capacity: configuration.feedCapacity, maxWaiters: configuration.maxWaiters, scheduler: scheduler)
        for system in systems {
            let feed = feed, name = system.definition.name
            system.journal.observe { change in if feed.isWatched() { feed.append(change, system: name) } }
        }
    }

    /// Binds and starts serving. - Throws: `HTTPServerError` when it cannot listen.
    public func start() throws {
        let server = HTTPServer(configuration: configuration.http) { [self] request, writer in handle(request, writer) }
        try server.start()
        self.server.withLock { $0 = server }
    }

    /// Stops serving (waiting polls are cut) and stops following the journals. Idempotent.
    public func stop(gracePeriod: Duration = .seconds(1)) {
        let running = server.withLock { server in
            defer { server = nil }
            return server
        }
        for system in systems { system.journal.observe(nil) }
        feed.wakeAll()
        running?.stop(gracePeriod: gracePeriod)
    }

    /// `http(s)://host:port` while running.
    public var baseURL: String? { server.withLock { $0?.baseURL } }

    /// The bound port while running.
    public var port: UInt16? { server.withLock { $0?.port } }

    /// The system named `name`.
    func system(_ name: String) -> MockSystem? { systems.first { $0.definition.name == name } }
}
