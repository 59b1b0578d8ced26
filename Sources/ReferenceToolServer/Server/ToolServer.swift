// The reference tool server: the contract's API over HTTPWire, tools in memory, executions through the engine.
import ToolContract
import Foundation
import HTTPWire
import JSONModel
import Synchronization

/// A complete, correct implementation of the tool-server contract, in either dialect.
public final class ToolServer: Sendable {
    /// How the server binds and whom it lets in.
    public struct Configuration: Sendable {
        public var dialect: Dialect = .feather
        /// The HTTP server: address (loopback unless told otherwise), port (0 picks a free one), event-loop threads
        /// (2 by default), timeouts and limits.
        public var http: HTTPServer.Configuration
        /// The API key every request must carry (`x-api-key` or `Authorization: Bearer`).
        public var apiKey: String
        /// Receives one line per request (method, path, status, milliseconds); never a secret.
        public var log: (@Sendable (String) -> Void)?
        /// Where tools and revisions persist (`--data FILE`); nil keeps them in memory only. Loaded by `init` when the
        /// file exists; replaced whole and atomically (temp file, fsync, rename) after every successful change. The
        /// file holds secure values in clear, so it is created with mode 0600. A failed write is logged, not fatal.
        public var dataFile: URL?
        /// A PEM file of CA certificates to trust for https downstreams and OAuth token endpoints, besides the system
        /// trust store (a private CA such as the mocks' `ca.pem`). Nil trusts the system store only.
        public var trustedCAFile: String?
        /// Deliberate contract violations, for proving the conformance suite; never set in production. Default: none.
        package var deviations = ContractDeviations()

        public init(apiKey: String) {
            self.apiKey = apiKey
            http = HTTPServer.Configuration()
            http.loopCount = 2
        }
    }

    public let configuration: Configuration
    let store: ToolStore
    let dataFile: ToolDataFile?
    let keyCheck: APIKeyCheck
    let client: HTTPClient
    let executor: ToolExecutor
    private let server = Mutex<HTTPServer?>(nil)

    /// - Throws: `ToolDataFileError` when `dataFile` exists but is not a valid data file; `HTTPClientError` when the
    ///   outbound client cannot start (`trustedCAFile` cannot be loaded, say).
    public init(configuration: Configuration) throws {
        self.configuration = configuration
        dataFile = configuration.dataFile.map(ToolDataFile.init(url:))
        store = try Self.loadStore(dataFile)
        keyCheck = APIKeyCheck(key: configuration.apiKey)
        client = try HTTPClient(configuration: HTTPClient.Configuration(trustedCAFile: configuration.trustedCAFile))
        executor = ToolExecutor(client: client, tokens: OAuthTokenCache(client: client), deviations: configuration.deviations)
    }

    /// Binds and serves. - Throws: `SocketError` when the address cannot be bound.
    public func start() throws {
        let http = HTTPServer(configuration: configuration.http) { [self] request, writer in handle(request, writer) }
        try http.start()
        server.withLock { $0 = http }
    }

    /// Stops serving and closes outbound connections. Idempotent.
    public func stop() {
        let running = server.withLock { server in
            defer { server = nil }
            return server
        }
        running?.stop(gracePeriod: .seconds(2))
        client.shutdown()
    }

    public var baseURL: String? { server.withLock { $0?.baseURL } }
    public var port: UInt16? { server.withLock { $0?.port } }

    func handle(_ request: HTTPRequest, _ writer: HTTPResponseWriter) {
        let started = MonotonicClock.now()
        let log = configuration.log
        var respond: @Sendable (HTTPResponse) -> Void = { response in
            log?("\(request.method) \(request.path) \(response.status) \(Int(MonotonicClock.elapsed(since: started).inMilliseconds))ms")
            writer.respond(response)
        }
        if let refusal = keyCheck.refusal(for: request) ?? refusingBearer(request), !servesAnyway(request) {
            respond(refusal)
            return
        }
        if let rewrite = configuration.deviations.rewritesAnswer {
            let send = respond
            respond = { send(rewrite(request, $0)) }
        }
        switch ToolAPIRoute.resolve(method: request.method, path: request.path, dialect: configuration.dialect) {
        case .unknownPath:
            respond(APIError.response(404, "not_found", "no endpoint \(request.method) \(request.path)"))
        case let .wrongMethod(allowed):
            respond(APIError.wrongMethod(request.method, request.path, allowed: allowed))
        case let .route(route):
            dispatch(route, request, persisting(route, respond))
        }
    }

    /// The request body as JSON, or the 4xx to answer.
    static func jsonBody(_ request: HTTPRequest, allowEmpty: Bool = false) -> Result<JSONValue, EarlyResponse> {
        if request.body.isEmpty {
            return allowEmpty ? .success(.object([:]))
                : .failure(EarlyResponse(APIError.validation([(loc: ["body"], msg: "a JSON body is required", type: "missing")])))
        }
        do {
            return .success(try JSONValue.parse(request.body))
        } catch {
            return .failure(EarlyResponse(APIError.validation([(loc: ["body", .int(error.offset)], msg: "JSON decode error: \(error.reason)", type: "json_invalid")])))
        }
    }

    static func json(_ status: Int, _ value: JSONValue) -> HTTPResponse { .json(status, value.encoded()) }

    static func uuid() -> String { UUID().uuidString.lowercased() }
}

extension ToolServer {
    /// A fresh random API key (`tsk_` + 32 hex digits) for a server started without one.
    public static func generateAPIKey() -> String { APIKeyCheck.generate() }
}
