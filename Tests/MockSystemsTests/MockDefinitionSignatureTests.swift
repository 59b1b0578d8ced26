// A route's "verify_signature" as written in a definition: each scheme's keys, the old hmac keys, and refusals that
// name the file and JSON path and never show a secret.
import Foundation
import Testing
@testable import MockSystems

@Suite struct MockDefinitionSignatureTests {
    private static func load(_ verify: String) throws(DefinitionError) -> SignatureSpec? {
        let json = #"{"name": "hooks", "routes": [{"id": "in", "method": "POST", "path": "/in", "auth": false, "verify_signature": "#
            + verify + "}]}"
        return try MockDefinition.load(json: Array(json.utf8), file: "hooks.json").routes[0].signature
    }

    @Test func load_KeepsTheOldHmacKeys() throws {
        let spec = try #require(try Self.load(#"{"secret": "s", "signature_header": "X-Sig", "timestamp_header": "X-Time", "max_skew_seconds": 60}"#))
        #expect(spec.scheme == .hmac && spec.secrets == ["s"] && spec.signatureHeader == "X-Sig")
        #expect(spec.timestampHeader == "X-Time" && spec.toleranceSeconds == 60 && !spec.rejectReplays)
        let defaults = try #require(try Self.load(#"{"secret": "s"}"#))
        #expect(defaults.signatureHeader == "X-Signature" && defaults.timestampHeader == "X-Timestamp" && defaults.toleranceSeconds == 300)
    }

    @Test func load_ReadsEachSchemesKeys() throws {
        let standard = try #require(try Self.load(#"""
            {"scheme": "standard-webhooks", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
             "secrets": ["whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"], "tolerance_seconds": 120, "id_header": "svix-id",
             "timestamp_header": "svix-timestamp", "signature_header": "svix-signature", "reject_replays": false}
            """#))
        #expect(standard.scheme == .standardWebhooks && standard.secrets.count == 2 && standard.keys.map(\.count) == [24, 24])
        #expect(standard.idHeader == "svix-id" && standard.timestampHeader == "svix-timestamp" && standard.signatureHeader == "svix-signature")
        #expect(standard.toleranceSeconds == 120 && !standard.rejectReplays)
        let stripe = try #require(try Self.load(#"{"scheme": "stripe", "secrets": ["whsec_a", "whsec_b"]}"#))
        #expect(stripe.scheme == .stripe && stripe.keys == [Array("whsec_a".utf8), Array("whsec_b".utf8)] && stripe.rejectReplays)
        let github = try #require(try Self.load(#"{"scheme": "github", "secret": "gh"}"#))
        #expect(github.signatureHeader == "X-Hub-Signature-256")
        let slack = try #require(try Self.load(#"{"scheme": "slack", "secret": "sl", "reject_replays": true}"#))
        #expect(slack.rejectReplays && slack.timestampHeader == "X-Slack-Request-Timestamp")
    }

    /// (verify_signature, JSON path under it, words the reason must hold).
    private static let bad: [(String, String, String)] = [
        (#"{"scheme": "svix", "secret": "s"}"#, "scheme", "unknown signature scheme 'svix'; expected one of: hmac, standard-webhooks"),
        (#"{"scheme": 1, "secret": "s"}"#, "scheme", "expected a string"),
        (#"{"scheme": "github", "secret": "s", "tolerance_seconds": 10}"#, "tolerance_seconds", "does not apply to the github scheme; it takes: scheme, secret, secrets, signature_header"),
        (#"{"scheme": "stripe", "secret": "s", "timestamp_header": "T"}"#, "timestamp_header", "does not apply to the stripe scheme"),
        (#"{"scheme": "slack", "secret": "s", "max_skew_seconds": 10}"#, "max_skew_seconds", "does not apply to the slack scheme"),
        (#"{"scheme": "hmac", "secret": "s", "reject_replays": true}"#, "reject_replays", "does not apply to the hmac scheme"),
        (#"{"secret": "s", "colour": "red"}"#, "colour", "unknown key"),
        (#"{"scheme": "stripe"}"#, "", "needs \"secret\": S or \"secrets\": [S, ...]"),
        (#"{"scheme": "stripe", "secrets": []}"#, "", "needs \"secret\""),
        (#"{"scheme": "stripe", "secret": ""}"#, "secret", "non-empty string"),
        (#"{"scheme": "stripe", "secrets": ["a", 5]}"#, "secrets[1]", "each secret must be a non-empty string"),
        (#"{"scheme": "standard-webhooks", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "secrets": ["whsec_c2VjcmV0LXZhbHVl"]}"#,
         "secrets[0]", "decodes to 12 bytes; Standard Webhooks keys are 24-64 bytes"),
        (#"{"scheme": "standard-webhooks", "secret": "c2VjcmV0LXZhbHVlLWxvbmctZW5vdWdoLWZvcg"}"#, "secret", "must start with 'whsec_'"),
        (#"{"scheme": "slack", "secret": "s", "tolerance_seconds": 90000}"#, "tolerance_seconds", "must be 0 to 86400, got 90000"),
        (#"{"secret": "s", "tolerance_seconds": 10, "max_skew_seconds": 10}"#, "max_skew_seconds", "old name of tolerance_seconds"),
        (#"{"scheme": "github", "secret": "s", "signature_header": "X Sig"}"#, "signature_header", "must be a header name"),
        (#"{"scheme": "github", "secret": "s", "signature_header": ""}"#, "signature_header", "must be a header name"),
        (#"{"scheme": "stripe", "secret": "s", "reject_replays": "yes"}"#, "reject_replays", "expected true or false"),
        (#""stripe""#, "", "expected an object"),
    ]

    @Test func load_RefusesBadSignatureSettings_AtTheirJSONPath() {
        for (verify, key, words) in Self.bad {
            do {
                _ = try Self.load(verify)
                Issue.record("loaded \(verify)")
            } catch {
                let path = "routes[0].verify_signature" + (key.isEmpty ? "" : ".\(key)")
                #expect(error.file == "hooks.json" && error.path == path, "\(verify): \(error)")
                #expect(error.reason.contains(words), "\(verify): \(error)")
                for secret in ["c2VjcmV0LXZhbHVl", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"] { #expect(!error.description.contains(secret)) }
            }
        }
    }

    @Test func signingSecrets_HoldEveryRoutesSecrets_ForMasking() throws {
        let json = #"""
            {"name": "hooks", "routes": [
              {"id": "a", "method": "POST", "path": "/a", "auth": false, "verify_signature": {"scheme": "stripe", "secrets": ["sa", "sb"]}},
              {"id": "b", "method": "POST", "path": "/b", "auth": false,
               "verify_signature": {"scheme": "standard-webhooks", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}]}
            """#
        let definition = try MockDefinition.load(json: Array(json.utf8), file: "hooks.json")
        #expect(definition.signingSecrets == ["sa", "sb", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
    }

    @Test func verifyingSignatures_AppliesASchemeToEveryRouteWithoutOne() throws {
        let builtin = try MockDefinition.builtin("webhook")
        let webhook = try builtin.verifyingSignatures(scheme: .slack, secrets: ["one", "two"])
        #expect(webhook.routes.allSatisfy { $0.signature?.scheme == .slack && $0.signature?.secrets == ["one", "two"] })
        #expect(throws: WebhookSignatureError.badSecret(index: 0, count: 1, reason: "must start with 'whsec_' (a Standard Webhooks secret is 'whsec_' + base64)")) {
            try builtin.verifyingSignatures(scheme: .standardWebhooks, secrets: ["plain"])
        }
        #expect(builtin.verifyingSignatures(secret: "s").routes.allSatisfy { $0.signature?.scheme == .hmac })
    }
}
