// Fixtures for the mock-system tests over loopback sockets: started systems, an async HTTP helper, a fake clock.
import JSONModel
import Foundation
import HTTPWire
import Synchronization
@testable import MockSystems

extension MockOptions {
    /// Options for tests: loopback, a free port, one event loop (the machine has two cores and tests run in parallel).
    static func make(_ configure: (inout MockOptions) -> Void = { _ in }) -> MockOptions {
        var options = MockOptions()
        options.http.loopCount = 1
        configure(&options)
        return options
    }
}

extension MockSystem {
    /// A started built-in system (`crm`, `ticketing`, `webhook`, `oauth`); stop it with `defer { system.stop() }`.
    static func make(_ name: String, tokens: TokenRegistry = .init(),
                     _ configure: (inout MockOptions) -> Void = { _ in }) throws -> MockSystem {
        try make(definition: MockDefinition.builtin(name), tokens: tokens, configure)
    }

    /// A started system for `definition`; stop it with `defer { system.stop() }`.
    static func make(definition: MockDefinition, tokens: TokenRegistry = .init(),
                     _ configure: (inout MockOptions) -> Void = { _ in }) throws -> MockSystem {
        let system = try MockSystem(definition: definition, options: .make(configure), tokens: tokens)
        try system.start()
        return system
    }

    /// The absolute URL of `path` (which may carry a query) on this running system.
    func url(_ path: String) -> String { (baseURL ?? "http://127.0.0.1:1") + path }

    /// The journal entries for route `route`, oldest first.
    func entries(route: String) -> [JournalEntry] { journal.entries(filter: JournalFilter(route: route)) }
}

extension HTTPClient {
    /// A client for tests: a long pool idle timeout, so that a slow machine cannot expire a pooled connection mid-test.
    static func make() throws -> HTTPClient {
        try HTTPClient(configuration: .init(poolIdleTimeout: .seconds(600)))
    }

    /// Sends one request and returns the response, whatever its status.
    /// - Throws: the `HTTPClientError` of a failed exchange.
    func send(_ method: String, _ url: String, headers: HTTPHeaders = [:], body: [UInt8] = [],
              timeout: Duration = .seconds(10)) async throws(HTTPClientError) -> HTTPResponse {
        try await execute(HTTPClientRequest(method: method, url: url, headers: headers, body: body), timeout: timeout)
    }

    /// Sends `json` as the body with `Content-Type: application/json`.
    func send(_ method: String, _ url: String, headers: HTTPHeaders = [:], json: JSONValue,
              timeout: Duration = .seconds(10)) async throws(HTTPClientError) -> HTTPResponse {
        var all = headers
        all.add("Content-Type", "application/json")
        return try await send(method, url, headers: all, body: json.encoded(), timeout: timeout)
    }

    /// Sends `form` fields as `application/x-www-form-urlencoded`.
    func send(_ method: String, _ url: String, headers: HTTPHeaders = [:], form: [(String, String)],
              timeout: Duration = .seconds(10)) async throws(HTTPClientError) -> HTTPResponse {
        var all = headers
        all.add("Content-Type", "application/x-www-form-urlencoded")
        let encoded = form.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&")
        return try await send(method, url, headers: all, body: Array(encoded.utf8), timeout: timeout)
    }

    /// The outcome of a request as a value, so that tests can compare failures with `==`.
    func outcome(_ method: String, _ url: String, headers: HTTPHeaders = [:], body: [UInt8] = [],
                 timeout: Duration = .seconds(10)) async -> Result<HTTPResponse, HTTPClientError> {
        do throws(HTTPClientError) {
            return .success(try await send(method, url, headers: headers, body: body, timeout: timeout))
        } catch {
            return .failure(error)
        }
    }

    private static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

extension HTTPHeaders {
    /// These headers plus `name: value`.
    func adding(_ name: String, _ value: String) -> HTTPHeaders {
        var copy = self
        copy.add(name, value)
        return copy
    }
}

extension HTTPResponse {
    /// The body parsed as JSON.
    /// - Throws: `JSONParseError` when it is not JSON.
    func json() throws -> JSONValue { try JSONValue.parse(body) }
}

extension JSONValue {
    /// Element `index` when this is an array, else nil.
    subscript(index: Int) -> JSONValue? {
        guard case let .array(values) = self, values.indices.contains(index) else { return nil }
        return values[index]
    }

    /// This object without `key`.
    func removing(_ key: String) -> JSONValue { setting(key, nil) }

    /// This object with `key` set to `value` (nil removes it).
    func setting(_ key: String, _ value: JSONValue?) -> JSONValue {
        var object = objectValue ?? JSONObject()
        object[key] = value
        return .object(object)
    }
}

extension Collection {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}

/// Request values the tests send again and again.
enum Fixture {
    /// The built-in CRM's bearer token, as a header.
    static let crmAuth: HTTPHeaders = ["Authorization": "Bearer crm-token"]
    /// The built-in ticketing system's API key, as a header.
    static let ticketingAuth: HTTPHeaders = ["X-API-Key": "ticketing-key"]

    /// A valid callback lead; `name` distinguishes leads in concurrent tests.
    static func lead(name: String = "Ada Lovelace", phone: String = "+14155550123") -> JSONValue {
        ["name": .string(name), "company": "Analytical Engines Ltd", "reason": "Wants a demo", "phone_number": .string(phone)]
    }

    /// A valid ticket.
    static func ticket(subject: String = "Headset broken", phone: String = "+14155550123") -> JSONValue {
        ["subject": .string(subject), "description": "Left ear is silent", "priority": "high",
         "requester": ["name": "Ada Lovelace", "phone": .string(phone)]]
    }

    /// `+` percent-encoded, as a phone number must be in a query string.
    static func query(_ phone: String) -> String { phone.replacingOccurrences(of: "+", with: "%2B") }
}

/// A monotonic clock a test moves by hand, for `TokenRegistry(clock:)`.
final class FakeClock: Sendable {
    private let nanoseconds = Atomic<UInt64>(1_000_000_000)

    /// The current reading.
    var now: UInt64 { nanoseconds.load(ordering: .relaxed) }

    /// Moves the clock forward by `seconds`.
    func advance(seconds: Int) { nanoseconds.add(UInt64(seconds) * 1_000_000_000, ordering: .relaxed) }
}

/// Milliseconds between two `MonotonicClock` readings.
func milliseconds(from start: UInt64, to end: UInt64) -> Int { Int((Int64(bitPattern: end &- start)) / 1_000_000) }

/// Waits, without blocking a thread, until `condition` holds or `timeout` passes; returns whether it held.
/// For state with no completion to wait on (a server-side wait being registered, for instance).
func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return true
}
