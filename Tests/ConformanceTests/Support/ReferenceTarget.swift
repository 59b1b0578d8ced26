// The reference tool server as a suite target, started per test on a free loopback port.
import ToolContract
import Conformance
import ReferenceToolServer

/// A running reference server and a run configuration pointed at it with every capability declared.
struct ReferenceTarget {
    let server: ToolServer
    var configuration: RunConfiguration

    static func start(_ dialect: Dialect = .feather,
                      configure: (inout ToolServer.Configuration) throws -> Void = { _ in }) throws -> ReferenceTarget {
        let apiKey = "tsk_conformance_\(UInt32.random(in: 0...UInt32.max))"
        var serverConfiguration = ToolServer.Configuration(apiKey: apiKey)
        serverConfiguration.dialect = dialect == .feather ? .feather : .oneinbox
        serverConfiguration.http.loopCount = 1
        try configure(&serverConfiguration)
        let server = try ToolServer(configuration: serverConfiguration)
        try server.start()
        var configuration = RunConfiguration(target: server.baseURL ?? "", apiKey: apiKey)
        configuration.dialect = dialect
        configuration.capabilities = Set(Capability.allCases)
        return ReferenceTarget(server: server, configuration: configuration)
    }

    /// Runs the suite (or the cases matching `only`) and stops the server.
    func run(only: [String] = [], catalogue: [ConformanceCase] = Catalogue.all) async throws -> RunReport {
        defer { server.stop() }
        var configuration = configuration
        configuration.only = only
        return try await ConformanceRunner(configuration: configuration, catalogue: catalogue).run()
    }
}
