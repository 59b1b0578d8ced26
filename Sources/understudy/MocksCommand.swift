// `understudy mocks`: runs mock systems until SIGINT or SIGTERM, then stops them gracefully and flushes journals.
import JSONModel
import Dispatch
import Foundation
import HTTPWire
import MockSystems

enum MocksCommand {
    static let usage = """
    usage: understudy mocks [options]

    Runs mock downstream systems until interrupted (SIGINT/SIGTERM), printing each one's URL and admin URL.

    options:
      --only NAMES           comma-separated systems to run (default: all: \(MockDefinition.builtinNames.joined(separator: ",")))
      --definitions PATH     add the systems defined in PATH (a .json file, or a folder's *.json); one with a
                             built-in's name replaces it; repeatable
      --export-definitions DIR
                             write the built-in definitions to DIR/<name>.json to start from, then exit
      --host HOST            address to bind (default 127.0.0.1; anything else is your explicit choice)
      --advertise-host HOST  the host clients reach the mocks on, shown in the URLs, named in --tls's certificate and
                             in the OAuth issuer's metadata (default: --host; the issuer then uses the Host header)
      --port N               port of the first system; the next ones take N+1, N+2, ... (default: free ports)
      --ports NAME=N,...     port per system (overrides --port)
      --journal DIR          append every answered request to DIR/<system>.jsonl (secrets masked)
      --journal-capacity N   journal entries kept in memory per system (default 10000)
      --admin-token T        require this token on /__admin/ (Authorization: Bearer T or X-Admin-Token: T)
      --crm-token T          bearer token the CRM accepts (default from its definition)
      --ticketing-key K      X-API-Key the ticketing system accepts
      --webhook-signature SCHEME
                             verify signatures on the webhook: \(WebhookSignatureScheme.namesList.replacingOccurrences(of: ", slack", with: " or slack"))
                             (Mocks/README.md, "Signature verification"); needs --webhook-secret
      --webhook-secret S     the webhook's signing secret; repeat it for rotation (any one may have signed). Alone, it
                             means hmac: X-Signature = hex HMAC-SHA256 of "{X-Timestamp}.{body}"
      --issuer-auth NAMES    systems that accept only tokens from the OAuth issuer (e.g. crm,ticketing)
      --faults FILE          install fault rules at start: {"crm": [rule, ...], ...} (rule format: Mocks/README.md)
      --fault-seed N         seed for probabilistic faults (default 1)
      --cors ORIGINS         let browser pages from these origins call the mocks and their admin API: `*` or
                             a comma-separated list such as http://localhost:3000 (default: off)
      --loops N              event-loop threads per system (default: one per core)
    \(DashboardFlags.usage)
    \(TLSFlags.usage)
    \(ServerFlags.usage)
    """

    static func run(_ arguments: [String]) throws {
        let termination = TerminationSignal()  // first: before any thread exists, and before a script can read our URLs
        var reader = ArgumentReader(arguments)
        let only = try reader.nonEmptyValue("--only").map { $0.split(separator: ",").map(String.init) }
        let definitionPaths = try reader.nonEmptyValues("--definitions")
        let exportFolder = try reader.nonEmptyValue("--export-definitions")
        let firstPort = try reader.port("--port")
        let portList = try reader.nonEmptyValue("--ports")
        let journalFolder = try reader.nonEmptyValue("--journal")
        let capacity = try reader.integer("--journal-capacity", in: 1...10_000_000)
        let adminToken = try reader.nonEmptyValue("--admin-token")
        let crmToken = try reader.nonEmptyValue("--crm-token")
        let ticketingKey = try reader.nonEmptyValue("--ticketing-key")
        let webhookSecrets = try reader.nonEmptyValues("--webhook-secret")
        let webhookSchemeName = try reader.nonEmptyValue("--webhook-signature")
        let issuerAuth = try reader.nonEmptyValue("--issuer-auth").map { Set($0.split(separator: ",").map(String.init)) } ?? []
        let faultFile = try reader.nonEmptyValue("--faults")
        let seed = try reader.integer("--fault-seed", in: 0...Int.max)
        let cors = try reader.nonEmptyValue("--cors").map { text throws(UsageError) in
            do { return try CORSPolicy(parsing: text) } catch { throw UsageError(message: "--cors: \(error)") }
        }
        var http = HTTPServer.Configuration()
        http.host = try reader.nonEmptyValue("--host") ?? "127.0.0.1"
        let statedAdvertiseHost = try reader.nonEmptyValue("--advertise-host")
        let advertiseHost = statedAdvertiseHost ?? http.host
        if let loops = try reader.integer("--loops", in: 1...256) { http.loopCount = loops }
        try ServerFlags.read(&reader, into: &http)
        let tlsSource = try TLSFlags.read(&reader)
        let dashboardPort = try DashboardFlags.read(&reader)
        try reader.finish()
        let webhookScheme = try webhookSignature(webhookSchemeName, secrets: webhookSecrets)
        if let exportFolder { return try exportDefinitions(to: exportFolder) }
        let tls = try tlsSource.map { source throws(UsageError) in try TLSFlags.server(source, names: [http.host, advertiseHost]) }
        defer { tls?.removeTemporaryFolder() }
        http.tls = tls?.context

        var definitions: [MockDefinition]
        do {
            definitions = try MockDefinition.builtins(with: MockDefinition.load(paths: definitionPaths.map { URL(fileURLWithPath: $0) }))
        } catch {
            throw UsageError(message: "cannot load mock definitions: \(error)")
        }
        if let only {
            guard !only.isEmpty else { throw UsageError(message: "--only needs at least one system name") }
            let known = Set(definitions.map(\.name))
            if let unknown = only.first(where: { !known.contains($0) }) {
                throw UsageError(message: "--only names unknown system '\(unknown)'; have: \(definitions.map(\.name).joined(separator: ", "))")
            }
            definitions = definitions.filter { only.contains($0.name) }
        }
        if let unknown = issuerAuth.first(where: { name in !definitions.contains { $0.name == name } }) {
            throw UsageError(message: "--issuer-auth names '\(unknown)', which is not a running system; running: \(definitions.map(\.name).joined(separator: ", "))")
        }
        let ports = try parsePorts(portList, names: definitions.map(\.name), first: firstPort)
        if webhookScheme != nil, !definitions.contains(where: { $0.name == "webhook" }) {
            throw UsageError(message: "--webhook-signature/--webhook-secret: the webhook system is not running (see --only)")
        }
        if let webhookScheme {
            do {
                definitions = try definitions.map { definition throws(WebhookSignatureError) in
                    definition.name == "webhook" ? try definition.verifyingSignatures(scheme: webhookScheme, secrets: webhookSecrets) : definition
                }
            } catch {
                throw UsageError(message: "--webhook-secret: \(error)")
            }
        }
        var journalURL: URL?
        if let journalFolder {
            journalURL = URL(fileURLWithPath: journalFolder, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: journalURL!, withIntermediateDirectories: true)
            } catch {
                throw UsageError(message: "--journal: cannot create folder '\(journalFolder)': \(error.localizedDescription)")
            }
        }
        let cluster = try MockCluster(definitions: definitions) { name in
            var options = MockOptions()
            options.http = http
            options.http.port = ports[name] ?? 0
            options.adminToken = adminToken
            options.advertisedHost = statedAdvertiseHost  // the OAuth issuer names itself by it (else by the Host header)
            options.journalDirectory = journalURL
            if let capacity { options.journalCapacity = capacity }
            if let seed { options.faultSeed = UInt64(seed) }
            options.cors = cors
            if name == "crm", let crmToken { options.auth = .bearer(token: crmToken) }
            if name == "ticketing", let ticketingKey { options.auth = .apiKey(header: "X-API-Key", key: ticketingKey) }
            if issuerAuth.contains(name) { options.auth = .issuedToken }
            return options
        }
        if let faultFile { try installFaults(from: faultFile, into: cluster) }
        do { try cluster.start() } catch { throw UsageError(message: "--host/--port: cannot listen: \(error)") }
        let dashboard: MockDashboard?
        do { dashboard = try DashboardFlags.start(on: dashboardPort, cluster: cluster, http: http, adminToken: adminToken) } catch {
            cluster.stop(gracePeriod: .zero)
            throw error
        }
        let scheme = tls == nil ? "http" : "https"
        let shownHost = advertiseHost.contains(":") ? "[\(advertiseHost)]" : advertiseHost
        var lines = cluster.systems.flatMap { system in
            let url = system.port.map { "\(scheme)://\(shownHost):\($0)" } ?? "-"
            return ["\(system.definition.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(url)   admin: \(url)/__admin",
                    "           auth: \(system.authSummary)"]
        }
        if let cors { lines.append("cors: browser pages from \(cors.origins?.joined(separator: ", ") ?? "any origin") may call the mocks") }
        if let line = DashboardFlags.bannerLine(dashboard, scheme: scheme, host: shownHost) { lines.append(line) }
        if let caFile = tls?.caFile { lines.append("tls: clients must trust the CA in \(caFile)") }
        lines.append("running; press Ctrl-C to stop")
        // Unbuffered, so a script reading our output sees the URLs at once.
        Terminal.out((lines.joined(separator: "\n") + "\n"))
        termination.wait()
        dashboard?.stop()
        cluster.stop()
        print("stopped; journals flushed")
    }
}

/// Holds SIGINT and SIGTERM from the moment it is created (create it before any thread starts, so every thread
/// inherits the blocked mask); `wait()` returns when one arrives. `sigwait` rather than a dispatch source: it
/// cannot race with another handler and needs no signal-safe code.
final class TerminationSignal {
    private var signals = sigset_t()

    init() {
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    func wait() {
        var received: Int32 = 0
        sigwait(&signals, &received)
    }
}
