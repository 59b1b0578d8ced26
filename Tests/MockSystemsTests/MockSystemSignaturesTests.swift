// Signed webhooks over loopback: each scheme's raw bytes accepted or answered 401 with what failed; replays refused;
// the journal records the refusal and masks the secrets.
import Foundation
import HTTPWire
import JSONModel
import Testing
@testable import MockSystems

@Suite struct MockSystemSignaturesTests {
    /// Bytes that are not UTF-8 nor JSON: what is verified is what arrived, byte for byte.
    private static let body: [UInt8] = Array(#"{"event":"call.ended","note":"naïve"}"#.utf8) + [0xFF, 0xFE, 0x00, 0x0D, 0x0A]

    private static var now: Int { Int(Date().timeIntervalSince1970) }

    private static func webhook(_ scheme: WebhookSignatureScheme, secrets: [String]? = nil) throws -> MockSystem {
        let definition = try MockDefinition.builtin("webhook")
            .verifyingSignatures(scheme: scheme, secrets: secrets ?? [Signer.secret(scheme)])
        return try MockSystem.make(definition: definition)
    }

    @Test(arguments: WebhookSignatureScheme.allCases)
    func signedWebhook_AcceptsTheSignedBytes_AndRefusesOneChangedByte(_ scheme: WebhookSignatureScheme) async throws {
        let webhook = try Self.webhook(scheme)
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let headers = Signer.headers(scheme, Self.body, timestamp: Self.now, id: "msg_\(UUID().uuidString)")
        var changed = Self.body
        changed[changed.count - 3] ^= 0x01

        let accepted = try await client.send("POST", webhook.url("/events"), headers: headers, body: Self.body)
        let refused = try await client.send("POST", webhook.url("/events"), headers: headers, body: changed)

        #expect(accepted.status == 200, "\(accepted.bodyText)")
        #expect(refused.status == 401)
        #expect(try refused.json()["error"] == "invalid_signature")
        let message = try #require(try refused.json()["message"]?.stringValue)
        #expect(message.hasPrefix("the signature does not match: tried 1 signature from \(scheme.defaultSignatureHeader)"), "\(message)")
        let entries = webhook.journal.entries()
        #expect(entries.map(\.outcome) == [.accepted, .rejected] && entries.map(\.status) == [200, 401])
        #expect(entries.first?.body == Self.body && entries.last?.body == changed)
        #expect(entries.last?.validation == .failed(errors: [FieldError(field: scheme.defaultSignatureHeader, reason: message)]))
    }

    @Test func signedWebhook_Answers401_NamingWhatFailed() async throws {
        let cases: [(WebhookSignatureScheme, (HTTPHeaders) -> HTTPHeaders, String)] = [
            (.standardWebhooks, { $0.setting("webhook-id", nil) }, "the webhook-id header is missing"),
            (.stripe, { $0.setting("Stripe-Signature", "v1=abc") }, "the Stripe-Signature header is malformed: it has no t=<Unix seconds> element"),
            (.slack, { $0.setting("X-Slack-Request-Timestamp", "yesterday") }, "the timestamp in X-Slack-Request-Timestamp must be Unix seconds, got 'yesterday'"),
            (.github, { $0.setting("X-Hub-Signature-256", "sha1=abc") }, "the X-Hub-Signature-256 header is malformed: expected 'sha256=' followed by 64 hex digits"),
        ]
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        for (scheme, change, message) in cases {
            let webhook = try Self.webhook(scheme)
            defer { webhook.stop() }
            let response = try await client.send("POST", webhook.url("/e"), headers: change(Signer.headers(scheme, Self.body, timestamp: Self.now)),
                                                 body: Self.body)
            #expect(response.status == 401, "\(scheme)")
            #expect(try response.json() == ["error": "invalid_signature", "message": .string(message)], "\(scheme): \(response.bodyText)")
        }
    }

    @Test func signedWebhook_RefusesAStaleDelivery_SayingHowFarOffItIs() async throws {
        let webhook = try Self.webhook(.standardWebhooks)
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let response = try await client.send("POST", webhook.url("/e"), headers: Signer.headers(.standardWebhooks, Self.body, timestamp: Self.now - 3_600),
                                             body: Self.body)

        #expect(response.status == 401)
        let message = try #require(try response.json()["message"]?.stringValue)
        #expect(message.hasPrefix("the timestamp in webhook-timestamp is 36"), "\(message)")  // 3600, or 3601 across a second
        #expect(message.hasSuffix("s away from now (in the past); at most 300 s either way is accepted"), "\(message)")
    }

    @Test func signedWebhook_RefusesAReplayedDelivery_AndAcceptsARetrySignedAfresh() async throws {
        let webhook = try Self.webhook(.standardWebhooks)
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let now = Self.now
        let first = Signer.headers(.standardWebhooks, Self.body, timestamp: now, id: "msg_replayed")

        let accepted = try await client.send("POST", webhook.url("/e"), headers: first, body: Self.body)
        let replayed = try await client.send("POST", webhook.url("/e"), headers: first, body: Self.body)
        let retried = try await client.send("POST", webhook.url("/e"), headers: Signer.headers(.standardWebhooks, Self.body, timestamp: now - 1, id: "msg_replayed"),
                                            body: Self.body)
        webhook.reset()
        let afterReset = try await client.send("POST", webhook.url("/e"), headers: first, body: Self.body)

        let statuses: [Int] = [accepted.status, replayed.status, retried.status, afterReset.status]
        #expect(statuses == [200, 401, 200, 200])
        #expect(try replayed.json()["message"] == .string("replayed delivery: webhook-id 'msg_replayed' at webhook-timestamp \(now) was already "
                                                          + "accepted; a retry must be signed again with a new timestamp"))
    }

    @Test(arguments: [WebhookSignatureScheme.standardWebhooks, .stripe])
    func signedWebhook_AcceptsEitherSecretDuringRotation_AndSeveralSignatures(_ scheme: WebhookSignatureScheme) async throws {
        let old = Signer.wrongSecret(scheme), new = Signer.secret(scheme)
        let webhook = try Self.webhook(scheme, secrets: [new, old])
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        var statuses: [Int] = []
        for (index, signers) in [[old], [new], [old, new], ["not-\(old)"]].enumerated() {
            let body = Array("{\"n\":\(index)}".utf8)
            let headers = Signer.headers(scheme, body, secrets: signers, timestamp: Self.now, id: "msg_\(index)")
            statuses.append(try await client.send("POST", webhook.url("/e"), headers: headers, body: body).status)
        }
        #expect(statuses == [200, 200, 200, 401])
    }

    @Test(arguments: WebhookSignatureScheme.allCases)
    func signedWebhook_JournalFileMasksTheSecrets_WhereverTheyAppear(_ scheme: WebhookSignatureScheme) async throws {
        let secret = Signer.secret(scheme)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-signatures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let definition = try MockDefinition.builtin("webhook").verifyingSignatures(scheme: scheme, secrets: [secret])
        let webhook = try MockSystem.make(definition: definition) { $0.journalDirectory = folder }
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        // A careless sender that leaks the secret in a header, the query and the body, correctly signed, then unsigned.
        let body = Array("{\"oops\":\"\(secret)\"}".utf8)
        let headers = Signer.headers(scheme, body, timestamp: Self.now).adding("X-Debug", secret)
        let query = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let accepted = try await client.send("POST", webhook.url("/e?k=\(query)"), headers: headers, body: body)
        let refused = try await client.send("POST", webhook.url("/e"), headers: ["X-Debug": secret], body: body)
        // The secret where the timestamp belongs: the refusal quotes it, and the journal masks the quote.
        let misplaced = scheme == .stripe ? headers.setting("Stripe-Signature", "t=\(secret),v1=00")
            : scheme.defaultTimestampHeader.map { headers.setting($0, secret) } ?? headers.setting("X-Hub-Signature-256", "sha256=00")
        let quoting = try await client.send("POST", webhook.url("/e"), headers: misplaced, body: body)
        let listed = try await client.send("GET", webhook.url("/__admin/requests"))
        webhook.stop()

        #expect(accepted.status == 200 && refused.status == 401 && quoting.status == 401)
        #expect(scheme == .github || quoting.bodyText.contains("got '\(secret)'"), "\(quoting.bodyText)")
        #expect(!refused.bodyText.contains(secret))
        // The admin API is the user's own: it shows values but marks the secret ones.
        let debug = try listed.json()["requests"]?[0]?["headers"]?.arrayValue?.first { $0["name"] == "X-Debug" }
        #expect(debug?["secret"] == true)
        let file = try String(contentsOf: folder.appendingPathComponent("webhook.jsonl"), encoding: .utf8)
        #expect(file.split(separator: "\n").count == 3)
        #expect(!file.contains(secret) && !file.contains(query), "\(file.prefix(800))")
        #expect(file.contains("***"))
        for entry in webhook.journal.entries() {
            #expect(!entry.json(revealSecrets: false).jsonText.contains(secret))
        }
    }
}
