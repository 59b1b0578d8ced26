// The dashboard flags of `understudy mocks`: where the live dashboard listens, or that there is none.
import HTTPWire
import MockSystems

enum DashboardFlags {
    /// Usage lines for the flags, aligned with the command's own.
    static let usage = """
      --dashboard-port N     port of the live dashboard for every system (default: a free port); it listens on --host,
                             with the same TLS, and its API needs --admin-token when one is set (Mocks/README.md)
      --no-dashboard         do not serve the dashboard
    """

    /// Reads `--dashboard-port` and `--no-dashboard`: the port to serve on (0: a free one), or nil for none.
    static func read(_ reader: inout ArgumentReader) throws(UsageError) -> UInt16? {
        let off = reader.flag("--no-dashboard")
        let port = try reader.port("--dashboard-port")
        if off && port != nil { throw UsageError(message: "--dashboard-port and --no-dashboard contradict each other; give one") }
        return off ? nil : port ?? 0
    }

    /// Starts the dashboard for `cluster` on `port` with the mocks' host, TLS and limits; nil when `port` is nil.
    /// - Throws: `UsageError` naming the flag when it cannot listen (the caller stops the cluster).
    static func start(on port: UInt16?, cluster: MockCluster, http: HTTPServer.Configuration,
                      adminToken: String?) throws(UsageError) -> MockDashboard? {
        guard let port else { return nil }
        var configuration = MockDashboard.Configuration()
        configuration.http = http
        configuration.http.port = port
        configuration.http.loopCount = 1
        configuration.adminToken = adminToken
        let dashboard = MockDashboard(cluster: cluster, configuration: configuration)
        do {
            try dashboard.start()
        } catch {
            dashboard.stop(gracePeriod: .zero)
            throw UsageError(message: "--dashboard-port \(port): cannot listen: \(error)")
        }
        return dashboard
    }

    /// The banner line: `dashboard: URL` (no trailing slash, like the systems' URLs).
    static func bannerLine(_ dashboard: MockDashboard?, scheme: String, host: String) -> String? {
        guard let port = dashboard?.port else { return nil }
        return "dashboard: \(scheme)://\(host):\(port)"
    }
}
