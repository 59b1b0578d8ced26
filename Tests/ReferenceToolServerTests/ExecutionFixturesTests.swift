// Fixtures for the execution tests: started mock systems, a client, a fake clock, CRM plans. (No tests here.)
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Synchronization
@testable import ReferenceToolServer

/// Shared fixtures of the `Execution*`, `Retry*` and `OAuth*` tests.
enum ExecutionFixture {
    /// A started built-in mock system on a free loopback port with one event loop; stop it with `defer { system.stop() }`.
    static func system(_ name: String, tokens: TokenRegistry = .init(),
                       _ configure: (inout MockOptions) -> Void = { _ in }) throws -> MockSystem {
        var options = MockOptions()
        options.http.loopCount = 1
        configure(&options)
        let system = try MockSystem(definition: try .builtin(name), options: options, tokens: tokens)
        try system.start()
        return system
    }

    /// A client with its own one-loop group; shut it down with `defer { client.shutdown() }`.
    static func client() throws -> HTTPClient {
        try HTTPClient(configuration: .init(poolIdleTimeout: .seconds(600)))
    }

    /// The four fields the CRM needs, as the agent would send them.
    static let lead: JSONObject = [
        "name": "Ada Lovelace", "company": "Analytical Engines", "reason": "Wants a demo", "phone_number": "+15105550100",
    ]

    /// The handbook's `create_callback_lead` tool against `crm`, mapping `lead.id`.
    static func crmPlan(_ crm: MockSystem, retry: RetryPolicy = .none, timeoutSeconds: Int = 5) -> ExecutionPlan {
        ExecutionPlan(
            urlTemplate: (crm.baseURL ?? "http://127.0.0.1:1") + "/callbacks", method: "POST",
            headers: [.init(key: "Authorization", value: "Bearer crm-token", secure: true)],
            body: ["name": "{{name}}", "company": "{{company}}", "reason": "{{reason}}", "phone_number": "{{phone_number}}"],
            timeoutSeconds: timeoutSeconds,
            variables: ["name", "company", "reason", "phone_number"].map { .init(name: $0, type: .str, required: true) },
            retry: retry, responseMappings: [.init(path: "lead.id"), .init(path: "status", alias: "state")])
    }

    /// A fault rule from JSON.
    static func fault(_ json: JSONValue) throws -> FaultRule { try FaultRule(json: json) }
}

/// A clock that never waits: it records each requested delay and returns at once; its wall clock is fixed.
final class RecordingClock: ExecutionClock {
    private let delays = Mutex<[Duration]>([])
    let wall: Date

    init(wall: Date = Date(timeIntervalSince1970: 1_700_000_000)) { self.wall = wall }

    func wallNow() -> Date { wall }
    func sleep(for duration: Duration) async { delays.withLock { $0.append(duration) } }

    /// Every delay requested so far, in order.
    var requested: [Duration] { delays.withLock { $0 } }
}

/// A monotonic clock moved by hand (nanoseconds), for token expiry without waiting.
final class ManualClock: Sendable {
    private let nanos = Mutex<UInt64>(1_000_000_000)

    var now: UInt64 { nanos.withLock { $0 } }
    func advance(seconds: Int) { nanos.withLock { $0 += UInt64(seconds) * 1_000_000_000 } }
}
