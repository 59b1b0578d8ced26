// What a case works with: the target (every exchange recorded), its own mock systems, secrets, and expectations.
import ToolContract
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Synchronization

/// The settings every case of a run shares.
struct CaseEnvironment: Sendable {
    var target: String
    var apiKey: String
    var dialect: Dialect
    var capabilities: Set<Capability>
    var mockHost: String
    var advertiseHost: String
    /// The case mocks' certificate when they serve https; nil for plain http.
    var mockTLS: TLSServerContext?
    /// Starts every tool name the run creates (`RunConfiguration.toolPrefix`).
    var toolPrefix = ""
    /// Tests only: what stands between the target and each mock (`RunConfiguration.mockFront`).
    var mockFront: (@Sendable (UInt16) throws -> RunConfiguration.MockFront)?
    var timeoutScale: Double
    /// The runner's default deadline for one request to the target (before scaling).
    var requestTimeout: Duration
    var client: HTTPClient
    var redactor: Redactor
    /// The target's round trip, measured by the setup probe; timing tolerances add its 95th percentile.
    var roundTrip = RoundTrip.none
}

/// One case's view of the run. Everything sent to the target and received by the mocks is kept for the evidence.
public final class CaseContext: Sendable {
    let environment: CaseEnvironment
    private let startNanoseconds: UInt64
    private let exchanges = Mutex<[Exchange]>([])
    /// The mock systems the case started (`CaseContext+Mocks.swift`), and what stands in front of each, if anything.
    let mocks = Mutex<[CaseMock]>([])
    let fronts = Mutex<[RunConfiguration.MockFront]>([])
    private let targetTime = Mutex(TargetTime())
    /// Set when the case has ended (or was abandoned): nothing more is sent to the target for it.
    private let ended = Mutex(false)
    /// Ids of the tools this case created and has not deleted, in creation order; removed when the case ends.
    private let createdTools = Mutex<[String]>([])
    /// The rule the case checks: what an expectation belongs to unless it names another.
    let rule: String
    private let checks = Mutex(CheckLog())

    init(environment: CaseEnvironment, rule: String = "") {
        self.environment = environment
        self.rule = rule
        startNanoseconds = MonotonicClock.now()
    }

    /// The dialect the target speaks.
    public var dialect: Dialect { environment.dialect }
    /// The capabilities the target declared.
    public var capabilities: Set<Capability> { environment.capabilities }
    /// The factor for the runner's own deadlines and tolerances (never for values a tool is configured with).
    public var timeoutScale: Double { environment.timeoutScale }

    /// Milliseconds since the case started.
    public var elapsedMs: Double { MonotonicClock.elapsed(since: startNanoseconds).inMilliseconds }

    /// When the case is abandoned: `own` of the suite's own time after its start, plus every moment some request to
    /// the target was outstanding (each of those has its own request timeout). A correct but slow target needs many
    /// round trips; they move the deadline, they do not use it up.
    func deadline(own: Duration) -> UInt64 {
        let busy = targetTime.withLock { $0.busy(now: MonotonicClock.now()) }
        return MonotonicClock.deadline(busy, after: MonotonicClock.deadline(own, after: startNanoseconds))
    }

    /// Requests sent to the target so far, and the time during which one was outstanding.
    var targetUse: (requests: Int, busy: Duration) {
        targetTime.withLock { ($0.requests, .nanoseconds(Int64(clamping: $0.busy(now: MonotonicClock.now())))) }
    }

    /// Round trips of the network a request to the target is allowed besides its timeout: an execute makes the target
    /// call the mocks (token, call, retries), each as far away as the suite, before it answers.
    static let roundTripsPerRequest = 8

    /// How long a request may take: `timeout` (or the run's request timeout) × the timeout scale, plus
    /// `roundTripsPerRequest` of the target's 95th-percentile round trip.
    func requestTimeLimit(_ timeout: Duration?) -> Duration {
        (timeout ?? environment.requestTimeout).scaled(by: timeoutScale)
            + .milliseconds(Double(Self.roundTripsPerRequest) * environment.roundTrip.p95Ms)
    }

    /// Ends the case: from now on nothing is sent to the target for it (an abandoned case's steps may still run).
    func end() { ended.withLock { $0 = true } }

    /// Milliseconds from the case's start to a monotonic instant (a mock's arrival stamp).
    public func offsetMs(_ monotonicNanoseconds: UInt64) -> Double {
        MonotonicClock.elapsed(since: startNanoseconds, at: monotonicNanoseconds).inMilliseconds
    }

    // MARK: Names and secrets

    /// A tool name of this run that no other tool has: the run's prefix, `label`, and eight random hex digits.
    public func uniqueName(_ label: String) -> String {
        environment.toolPrefix + label + "_" + String(format: "%08x", UInt32.random(in: 0...UInt32.max))
    }

    /// A fresh random secret (`label-<hex>`), registered so it is redacted from all evidence.
    public func secret(_ label: String) -> String {
        var bytes = [UInt8](repeating: 0, count: 12)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        let value = label + "-" + bytes.map { String(format: "%02x", $0) }.joined()
        environment.redactor.add(value)
        return value
    }

    // MARK: The target

    /// Sends a request to the target and records the exchange.
    /// - Parameters:
    ///   - path: path and query after the target's base URL (`/v1/tools?limit=5`).
    ///   - json: a JSON body (sets `Content-Type: application/json`).
    ///   - rawBody: bytes sent as they are (for malformed-body cases); ignored when `json` is given.
    ///   - authenticated: whether to send the API key (`x-api-key` for Feather, `Authorization: Bearer` for OneInbox).
    ///   - timeout: how long to wait for the complete answer, before scaling (default: the run's request timeout).
    /// - Throws: `CaseSetupError` when no answer came (refused, reset, garbage, timed out): the case is an error.
    public func send(_ method: String, _ path: String, json: JSONValue? = nil, rawBody: [UInt8]? = nil,
                     headers: [(String, String)] = [], authenticated: Bool = true,
                     timeout: Duration? = nil) async throws -> TargetAnswer {
        switch await attempt(method, path, json: json, rawBody: rawBody, headers: headers,
                             authenticated: authenticated, timeout: timeout) {
        case let .success(answer): return answer
        case .failure(.responseTimedOut):
            let base = timeout ?? environment.requestTimeout
            throw CaseSetupError("\(method) \(path): the target did not answer within \(Self.seconds(requestTimeLimit(timeout))) s "
                + "(the request timeout: \(Self.seconds(base)) s × --timeout-scale \(Self.seconds(timeoutScale)), plus "
                + "\(Self.roundTripsPerRequest) of the target's round trips); raise --timeout-scale for a slow target")
        case let .failure(error): throw CaseSetupError("\(method) \(path): no answer from the target: \(error)")
        }
    }

    /// Like `send`, but hands back the transport error instead of throwing, for cases that judge a missing answer
    /// (an answer that does not arrive within a rule's time limit is a failure, not an error).
    public func attempt(_ method: String, _ path: String, json: JSONValue? = nil, rawBody: [UInt8]? = nil,
                        headers: [(String, String)] = [], authenticated: Bool = true,
                        timeout: Duration? = nil) async -> Result<TargetAnswer, HTTPClientError> {
        var fields = HTTPHeaders()
        if authenticated {
            let key = dialect.apiKeyHeader(environment.apiKey)
            fields.add(key.name, key.value)
        }
        var body: [UInt8] = []
        if let json {
            fields.add("Content-Type", "application/json")
            body = json.encoded()
        } else if let rawBody {
            body = rawBody
        }
        for (name, value) in headers { fields.set(name, value) }
        let request = HTTPClientRequest(method: method, url: environment.target + path, headers: fields, body: body)
        let limit = requestTimeLimit(timeout)
        guard !ended.withLock({ $0 }) else { return .failure(.shutDown) }  // an abandoned case sends nothing more
        let started = MonotonicClock.now()
        targetTime.withLock { $0.begin(now: started) }
        let result: Result<HTTPResponse, HTTPClientError>
        do {
            result = .success(try await environment.client.execute(request, timeout: limit))
        } catch {
            result = .failure(error)
        }
        let finished = MonotonicClock.now()
        targetTime.withLock { $0.end(now: finished) }
        let elapsed = MonotonicClock.elapsed(since: started, at: finished).inMilliseconds
        record(request, result, startedMs: offsetMs(started), durationMs: elapsed)
        let answer = result.map { TargetAnswer($0, elapsedMs: elapsed) }
        if case let .success(answer) = answer { noteToolChange(method, path, answer) }
        return answer
    }

    /// Keeps `createdTools` current: a 2xx create adds its id, a delete answered 2xx or 404 removes it.
    private func noteToolChange(_ method: String, _ path: String, _ answer: TargetAnswer) {
        let route = path.prefix { $0 != "?" }
        if method == "POST", route == "/v1/tools", (200..<300).contains(answer.status), let id = answer["id"].stringValue {
            createdTools.withLock { $0.append(id) }
        } else if method == "DELETE", route.hasPrefix("/v1/tools/"), (200..<300).contains(answer.status) || answer.status == 404 {
            let id = String(route.dropFirst("/v1/tools/".count))
            createdTools.withLock { $0.removeAll { $0 == id } }
        }
    }

    /// Deletes every tool the case created and did not delete, once requests still under way (an abandoned case's)
    /// have ended, so that a run leaves the target as it found it. Call after `end()`.
    /// - Returns: the ids still on the target: their delete failed or was not answered 2xx or 404.
    func removeCreatedTools() async -> [String] {
        let timeout = environment.scaledRequestTimeout
        let giveUp = MonotonicClock.deadline(timeout + .seconds(1), after: MonotonicClock.now())
        while targetTime.withLock({ $0.outstanding > 0 }) && MonotonicClock.now() < giveUp {
            try? await Task.sleep(for: .milliseconds(10))  // a request under way ends by its own timeout
        }
        let key = dialect.apiKeyHeader(environment.apiKey)
        let (target, client) = (environment.target, environment.client)
        return await Self.failing(createdTools.withLock { $0 }) { id in
            let request = HTTPClientRequest(method: "DELETE", url: target + "/v1/tools/\(id)", headers: HTTPHeaders([key]))
            let status = try? await client.execute(request, timeout: timeout).status
            return status.map { (200..<300).contains($0) || $0 == 404 } ?? false
        }
    }

    /// Requests to the target at once when a case or its clean-up has many of the same kind (creating or deleting
    /// tools): a far target's round trips overlap instead of adding up.
    static let requestsAtOnce = 8

    /// `body` of every item, `requestsAtOnce` at a time, in the items' order.
    static func overlapping<Item: Sendable, Result: Sendable>(_ items: [Item],
                                                              _ body: @escaping @Sendable (Item) async -> Result) async -> [Result] {
        var results = [Result?](repeating: nil, count: items.count)
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func startNext() {
                guard next < items.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await body(items[index])) }
            }
            for _ in 0..<min(requestsAtOnce, items.count) { startNext() }
            for await (index, result) in group {
                results[index] = result
                startNext()
            }
        }
        return results.compactMap { $0 }
    }

    /// Runs `body` for every item, `requestsAtOnce` at a time; returns the items whose `body` answered false, in order.
    static func failing(_ items: [String], _ body: @escaping @Sendable (String) async -> Bool) async -> [String] {
        zip(items, await overlapping(items, body)).filter { !$0.1 }.map(\.0)
    }

    /// Ids of the tools this case created and has not deleted.
    var toolsCreated: [String] { createdTools.withLock { $0 } }

    private func record(_ request: HTTPClientRequest, _ result: Result<HTTPResponse, HTTPClientError>,
                        startedMs: Double, durationMs: Double) {
        var exchange = Exchange(method: request.method, url: request.url, requestHeaders: request.headers.map(HeaderField.init),
                                requestBody: request.body.isEmpty ? nil : String(decoding: request.body, as: UTF8.self),
                                startedMs: startedMs, durationMs: durationMs)
        switch result {
        case let .success(response):
            exchange.status = response.status
            exchange.responseHeaders = response.headers.map(HeaderField.init)
            exchange.responseBody = response.body.isEmpty ? nil : String(decoding: response.body, as: UTF8.self)
        case let .failure(error):
            exchange.error = error.description
        }
        exchanges.withLock { $0.append(exchange) }
    }

    // MARK: Judging

    /// Records an expectation and stops the case when it does not hold: for expectations the next steps rely on.
    /// - Parameters:
    ///   - expectation: what the contract asks, in words.
    ///   - observed: what happened (evaluated only on failure).
    ///   - rule: the rule the expectation belongs to, when not the case's own.
    ///   - field: the JSON key the expectation looked at; the evidence keeps the part of a long body around it.
    /// - Throws: `CaseFailure` when `condition` is false.
    public func expect(_ condition: Bool, _ expectation: @autoclosure () -> String,
                       observed: @autoclosure () -> String, rule: String? = nil, field: String? = nil) throws {
        let result = record(condition, expectation, observed, rule: rule, field: field)
        if let observed = result.observed { throw CaseFailure(expectation: result.expectation, observed: observed) }
    }

    /// Records an expectation and goes on whether or not it holds: the case fails at its end if any did not, and the
    /// report lists every one that did not, not only the first.
    /// - Returns: `condition`, for steps that only make sense when it held.
    @discardableResult
    public func check(_ condition: Bool, _ expectation: @autoclosure () -> String,
                      observed: @autoclosure () -> String, rule: String? = nil, field: String? = nil) -> Bool {
        record(condition, expectation, observed, rule: rule, field: field).passed
    }

    /// Adds an expectation to the log, its words and observation evaluated once; `observed` only when it failed.
    private func record(_ condition: Bool, _ expectation: () -> String, _ observed: () -> String,
                        rule: String?, field: String?) -> CheckResult {
        let result = CheckResult(rule: rule ?? self.rule, expectation: expectation(), observed: condition ? nil : observed())
        checks.withLock { $0.add(result, field: condition ? nil : field) }
        return result
    }

    /// Records a failure thrown without `expect` (a case's own `CaseFailure`), so the checks hold it too.
    func note(_ failure: CaseFailure) {
        checks.withLock { $0.add(CheckResult(rule: rule, expectation: failure.expectation, observed: failure.observed), field: nil) }
    }

    /// Every expectation checked so far, each once, in the order first checked.
    var checkLog: CheckLog { checks.withLock { $0 } }

    /// Everything the case saw, secrets redacted.
    func evidence(expectation: String, observed: String) -> Evidence {
        let received = mocks.withLock { $0 }.flatMap { mock in
            mock.requests().map { entry in
                MockRequest(
                    system: mock.system.definition.name, method: entry.method, target: entry.target,
                    // The mock knows which headers carried its own secrets, whatever their value.
                    headers: entry.headers.map { HeaderField(name: $0.name, value: $0.secret ? Redactor.mark : $0.value) },
                    body: entry.body.isEmpty ? nil : String(decoding: entry.body, as: UTF8.self),
                    arrivedMs: offsetMs(entry.arrivalMonotonicNanoseconds), status: entry.status)
            }
        }.sorted { $0.arrivedMs < $1.arrivedMs }
        return Evidence(expectation: expectation, observed: observed, exchanges: exchanges.withLock { $0 },
                        mockRequests: received).redacted(by: environment.redactor)
            .truncatingBodies(around: checks.withLock { $0.fields })
    }

    /// A number for messages, to two decimals: `5`, `1.5`, `0.25` (a timeout scale).
    static func seconds(_ value: Double) -> String { String(format: "%g", (value * 100).rounded() / 100) }

    /// A span in seconds for messages: `5`, `1.5`, `0.25`.
    static func seconds(_ span: Duration) -> String { seconds(span.inSeconds) }
}
