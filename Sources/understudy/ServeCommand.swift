// `understudy serve`: the reference tool server, until SIGINT or SIGTERM.
import ToolContract
import Foundation
import HTTPWire
import ReferenceToolServer

enum ServeCommand {
    static let usage = """
    usage: understudy serve [options]

    Runs the reference tool server until interrupted, logging one line per request (never a secret) to stderr.

    options:
      --dialect NAME         feather (default) or oneinbox
      --host HOST            address to bind (default 127.0.0.1)
      --port N               port (default: a free one, printed)
      --api-key K            the API key clients must send (default: a new random key, printed)
      --loops N              event-loop threads (default 2)
      --ca-file FILE         trust the CA certificates in FILE (PEM) for https downstreams and OAuth issuers, besides
                             the system trust store (for a private CA such as `mocks --tls`'s ca.pem)
      --data FILE            keep tools and revisions in FILE: loaded at start when it exists (a bad file stops the
                             server), replaced atomically after every change. FILE holds secure values in clear and
                             is written with mode 0600; keep it private. Default: memory only.
    \(TLSFlags.usage)
    \(ServerFlags.usage)
    """

    static func run(_ arguments: [String]) throws {
        let termination = TerminationSignal()
        var reader = ArgumentReader(arguments)
        let dialectName = try reader.value("--dialect") ?? "feather"
        guard let dialect = Dialect(rawValue: dialectName) else {
            throw UsageError(message: "--dialect must be feather or oneinbox, got '\(dialectName)'")
        }
        let givenKey = try reader.nonEmptyValue("--api-key")
        var configuration = ToolServer.Configuration(apiKey: givenKey ?? ToolServer.generateAPIKey())
        configuration.dialect = dialect
        configuration.http.host = try reader.nonEmptyValue("--host") ?? "127.0.0.1"
        configuration.http.port = try reader.port("--port") ?? 0
        if let loops = try reader.integer("--loops", in: 1...256) { configuration.http.loopCount = loops }
        try ServerFlags.read(&reader, into: &configuration.http)
        let dataPath = try reader.value("--data")
        configuration.trustedCAFile = try reader.nonEmptyValue("--ca-file")
        let tlsSource = try TLSFlags.read(&reader)
        try reader.finish()
        let tls = try tlsSource.map { source throws(UsageError) in try TLSFlags.server(source, names: [configuration.http.host]) }
        defer { tls?.removeTemporaryFolder() }
        configuration.http.tls = tls?.context
        if let dataPath, dataPath.isEmpty { throw UsageError(message: "--data must name a file") }
        var isFolder: ObjCBool = false
        if let dataPath, FileManager.default.fileExists(atPath: dataPath, isDirectory: &isFolder), isFolder.boolValue {
            throw UsageError(message: "--data: '\(dataPath)' is a folder; name a file")
        }
        configuration.dataFile = dataPath.map { URL(fileURLWithPath: $0) }
        configuration.log = { line in Terminal.error((line + "\n")) }
        let server: ToolServer
        do {
            server = try ToolServer(configuration: configuration)
        } catch let error as ToolDataFileError {
            throw UsageError(message: "--data: \(error)")
        } catch let error as HTTPClientError {
            throw UsageError(message: "--ca-file: \(error)")
        }
        do { try server.start() } catch { throw UsageError(message: "--host/--port: cannot listen: \(error)") }
        var lines = ["reference tool server (\(dialect.rawValue)) at \(server.baseURL ?? "-")"]
        // A key we made up is the user's only way in, so it is shown; a key they gave us is never echoed.
        lines.append(givenKey == nil ? "api key: \(configuration.apiKey)" : "api key: (as given with --api-key)")
        if let dataPath { lines.append("data file: \(dataPath)") }
        if let caFile = tls?.caFile { lines.append("tls: clients must trust the CA in \(caFile)") }
        lines.append("running; press Ctrl-C to stop")
        Terminal.out((lines.joined(separator: "\n") + "\n"))
        termination.wait()
        server.stop()
        print("stopped")
    }
}
