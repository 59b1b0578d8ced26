// One running mock system: its HTTP server, journal, fault script, collections, and the typed API tests use.
import JSONModel
import Foundation
import HTTPWire
import Synchronization

/// How to run a mock system.
public struct MockOptions: Sendable {
    /// The system's HTTP server: address (loopback unless told otherwise), port (0 picks a free one), event-loop
    /// threads, timeouts and limits.
    public var http = HTTPServer.Configuration()
    /// Replaces the definition's auth (e.g. `--crm-token` sets a bearer token).
    public var auth: AuthRequirement?
    /// When set, `/__admin/` requires `Authorization: Bearer <token>` or `X-Admin-Token: <token>`.
    public var adminToken: String?
    /// Journal entries kept; older ones are dropped and counted as overflow.
    public var journalCapacity = 10_000
    /// When set, every answered request is appended to `<directory>/<name>.jsonl` (secrets masked).
    public var journalDirectory: URL?
    /// Seed for probabilistic faults: the same seed gives the same decisions.
    public var faultSeed: UInt64 = 1
    /// Browser origins that may call the system (routes and admin API); nil: no CORS headers, preflights go to routes.
    public var cors: CORSPolicy?
    /// The host clients reach this system on (`--advertise-host`): an OAuth issuer names itself by it and the bound
    /// port in its RFC 8414 metadata. Nil: by the request's `Host` header, i.e. the URL the client used.
    public var advertisedHost: String?

    public init() {}
}

/// Errors starting a mock system.
public enum MockSystemError: Error, CustomStringConvertible {
    case journal(String)

    public var description: String {
        switch self {
        case let .journal(reason): return "cannot open the journal file: \(reason)"
        }
    }
}

/// A mock downstream system (CRM, ticketing, webhook, token issuer) served over HTTP, observable and controllable
/// in-process through typed calls or over HTTP through `/__admin/`.
public final class MockSystem: Sendable {
    public let definition: MockDefinition
    public let options: MockOptions
    /// Every request received, recorded on arrival.
    public let journal: Journal
    let auth: AuthRequirement
    let faults: Mutex<FaultScript>
    let collections: [String: CollectionStore]
    let tokens: TokenRegistry
    /// Signed deliveries accepted recently, for routes whose signature check refuses replays.
    let replays = Mutex(ReplayMemory())
    /// Every secret this system knows (auth token or key, issuer client secrets, signing secrets): masked wherever shown.
    let secretValues: [String]
    private let server = Mutex<HTTPServer?>(nil)

    /// Prepares a system; nothing is bound until `start()`.
    /// - Throws: `MockSystemError` for a journal file that cannot be opened.
    public init(definition: MockDefinition, options: MockOptions = .init(), tokens: TokenRegistry = .init()) throws {
        self.definition = definition
        self.options = options
        self.tokens = tokens
        auth = options.auth ?? definition.auth
        secretValues = auth.secrets + (definition.issuer?.clients.map(\.secret) ?? []) + definition.signingSecrets
        faults = Mutex(FaultScript(seed: options.faultSeed, rules: definition.faults))
        collections = Dictionary(uniqueKeysWithValues: definition.collections.map { ($0.name, CollectionStore(spec: $0)) })
        let file = options.journalDirectory.map { $0.appendingPathComponent("\(definition.name).jsonl") }
        do {
            journal = try Journal(capacity: options.journalCapacity, persistTo: file)
        } catch {
            throw MockSystemError.journal("\(error)")
        }
    }

    /// Binds and starts serving. Returns once connections are accepted.
    public func start() throws {
        let server = HTTPServer(configuration: options.http) { [self] request, writer in handle(request, writer) }
        try server.start()
        self.server.withLock { $0 = server }
    }

    /// Stops serving (requests under way get up to `gracePeriod`) and closes the journal file. Idempotent.
    public func stop(gracePeriod: Duration = .seconds(2)) {
        let running = server.withLock { server in
            defer { server = nil }
            return server
        }
        running?.stop(gracePeriod: gracePeriod)
        journal.close()
    }

    /// `http://host:port` while running.
    public var baseURL: String? { server.withLock { $0?.baseURL } }

    /// `http://host:port/__admin` while running.
    public var adminURL: String? { baseURL.map { $0 + "/__admin" } }

    /// The bound port while running.
    public var port: UInt16? { server.withLock { $0?.port } }

    // MARK: Typed control, for in-process use

    /// Installs a fault rule (it applies to requests arriving from now on).
    public func addFault(_ rule: FaultRule) { faults.withLock { $0.add(rule) } }

    /// Removes every fault rule.
    public func removeAllFaults() { faults.withLock { $0.removeAll() } }

    /// The records of `collection` in insertion order (empty for an unknown name).
    public func records(in collection: String) -> [JSONValue] { collections[collection]?.list() ?? [] }

    /// Forgets the journal, fault rules, stored records (back to the seed) and the signed deliveries remembered to
    /// refuse replays, e.g. between test cases.
    public func reset() {
        journal.reset()
        removeAllFaults()
        replays.withLock { $0 = ReplayMemory() }
        for store in collections.values { store.reset() }
    }
}
