// The built-in webhook receiver over loopback: any request recorded as it came; HMAC-SHA256 signature checks.
import Foundation
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct MockSystemWebhookTests {
    @Test(arguments: ["GET", "POST", "PUT", "PATCH", "DELETE"])
    func receive_AnswersAnyMethodOnAnyPath(_ method: String) async throws {
        let webhook = try MockSystem.make("webhook")
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let response = try await client.send(method, webhook.url("/any/where/\(method.lowercased())"))

        #expect(response.status == 200)
        #expect(try response.json() == ["received": true, "method": .string(method)])
        #expect(webhook.journal.entries().only?.route == "receive")
    }

    @Test func receive_RecordsHeadersBodyBytesAndQuery_AsSent() async throws {
        let webhook = try MockSystem.make("webhook")
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let bytes: [UInt8] = [0xFF, 0x00, 0x41, 0x0D, 0x0A]

        let response = try await client.send("PUT", webhook.url("/events/42?x=1&y=two%20three"),
                                             headers: HTTPHeaders([("X-Event", "order.created"), ("X-Event", "second")]), body: bytes)

        #expect(response.status == 200)
        let entry = try #require(webhook.journal.entries().only)
        #expect(entry.method == "PUT" && entry.path == "/events/42")
        #expect(entry.query == "x=1&y=two%20three")
        #expect(entry.target == "/events/42?x=1&y=two%20three")
        #expect(entry.body == bytes)
        #expect(entry.headers.filter { $0.name == "X-Event" }.map(\.value) == ["order.created", "second"])
        #expect(entry.peer.hasPrefix("127.0.0.1:"))
        let listed = try await client.send("GET", webhook.url("/__admin/requests"))
        #expect(try listed.json()["requests"]?[0]?["body_base64"] == .string(Data(bytes).base64EncodedString()))
        #expect(try listed.json()["requests"]?[0]?["body"] == .null)
    }

    /// A webhook system that verifies signatures made with `Self.secret`.
    private static let secret = "whsec_test"

    private static func signedWebhook() throws -> MockSystem {
        try MockSystem.make(definition: MockDefinition.builtin("webhook").verifyingSignatures(secret: secret))
    }

    /// `X-Timestamp` and `X-Signature` for `body` signed at `timestamp`, optionally with the `sha256=` prefix.
    private static func signature(_ body: [UInt8], timestamp: Int, key: String = secret, prefixed: Bool = false) -> HTTPHeaders {
        let digest = hexString(HMAC.sha256(key: Array(key.utf8), message: Array("\(timestamp).".utf8) + body))
        return ["X-Timestamp": String(timestamp), "X-Signature": (prefixed ? "sha256=" : "") + digest]
    }

    private static var now: Int { Int(Date().timeIntervalSince1970) }

    @Test func signedWebhook_Accepts_AValidSignature_WithOrWithoutPrefix() async throws {
        let webhook = try Self.signedWebhook()
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let body = Array(#"{"event":"call.ended"}"#.utf8)

        let plain = try await client.send("POST", webhook.url("/hook"), headers: Self.signature(body, timestamp: Self.now), body: body)
        let prefixed = try await client.send("POST", webhook.url("/hook"), headers: Self.signature(body, timestamp: Self.now, prefixed: true), body: body)

        #expect(plain.status == 200, "\(plain.bodyText)")
        #expect(prefixed.status == 200, "\(prefixed.bodyText)")
        #expect(webhook.journal.entries().map(\.outcome) == [.accepted, .accepted])
    }

    @Test func signedWebhook_Answers401_ForAWrongSignatureAStaleTimestampOrMissingHeaders() async throws {
        let webhook = try Self.signedWebhook()
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let body = Array(#"{"event":"call.ended"}"#.utf8)
        let cases: [(label: String, headers: HTTPHeaders, reason: String)] = [
            ("wrong key", Self.signature(body, timestamp: Self.now, key: "other"), "does not match"),
            ("other body", Self.signature(Array("{}".utf8), timestamp: Self.now), "does not match"),
            ("stale", Self.signature(body, timestamp: Self.now - 3_600), "away from now"),
            ("no timestamp", ["X-Signature": Self.signature(body, timestamp: Self.now)["X-Signature"] ?? ""], "X-Timestamp header is missing"),
            ("no signature", ["X-Timestamp": String(Self.now)], "X-Signature header is missing"),
            ("no headers", [:], "X-Timestamp header is missing"),
        ]

        for (label, headers, reason) in cases {
            let response = try await client.send("POST", webhook.url("/hook"), headers: headers, body: body)
            #expect(response.status == 401, "\(label)")
            #expect(try response.json()["error"] == "invalid_signature", "\(label)")
            #expect(try response.json()["message"]?.stringValue?.contains(reason) == true, "\(label): \(response.bodyText)")
        }
        #expect(webhook.journal.entries().count == cases.count)
        #expect(webhook.journal.entries().allSatisfy { $0.outcome == .rejected && $0.status == 401 })
    }
}
