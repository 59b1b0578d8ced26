// Each scheme against the vectors its owners publish, and the details of its format: prefixes, case, keys, order.
import Foundation
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct SignatureSpecSchemesTests {
    private static func spec(_ scheme: WebhookSignatureScheme, _ secret: String) throws -> SignatureSpec {
        try SignatureSpec(scheme: scheme, secrets: [secret])
    }

    @Test func github_AcceptsGitHubsPublishedTestVector() throws {
        // docs.github.com, "Validating webhook deliveries", "Testing the webhook payload validation".
        let spec = try Self.spec(.github, "It's a Secret to Everybody")
        let header: HTTPHeaders = ["X-Hub-Signature-256": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"]
        #expect(spec.problem(headers: header, body: Array("Hello, World!".utf8), now: Signer.date()) == nil)
        #expect(spec.problem(headers: header, body: Array("Hello, World?".utf8), now: Signer.date()) != nil)
        let upper: HTTPHeaders = ["X-Hub-Signature-256": "SHA256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17"]
        #expect(spec.problem(headers: upper, body: Array("Hello, World!".utf8), now: Signer.date()) == nil)
    }

    @Test func standardWebhooks_AcceptsTheReferenceLibrarysSigningVector() throws {
        // standard-webhooks' libraries test `sign` with this key, id, time and payload.
        let spec = try Self.spec(.standardWebhooks, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let headers: HTTPHeaders = ["webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330",
                                    "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="]
        let body = Array(#"{"test": 2432232314}"#.utf8)
        #expect(spec.problem(headers: headers, body: body, now: Signer.date(1614265330)) == nil)
        let spaced = headers.setting("webhook-signature", "v1a,AAAA v2,xyz v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        #expect(spec.problem(headers: spaced, body: body, now: Signer.date(1614265330)) == nil)
        let unpadded = headers.setting("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE")
        #expect(spec.problem(headers: unpadded, body: body, now: Signer.date(1614265330)) == nil)
        #expect(spec.problem(headers: headers.setting("webhook-id", "msg_other"), body: body, now: Signer.date(1614265330)) != nil)
    }

    @Test func slack_AcceptsSlacksDocumentedExample() throws {
        // api.slack.com, "Verifying requests from Slack": the worked example's secret, timestamp, body and signature.
        let spec = try Self.spec(.slack, "8f742231b10e8888abcd99yyyzzz85a5")
        let body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
        let headers: HTTPHeaders = ["X-Slack-Request-Timestamp": "1531420618",
                                    "X-Slack-Signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"]
        #expect(spec.problem(headers: headers, body: Array(body.utf8), now: Signer.date(1531420618 + 60)) == nil)
    }

    @Test func stripe_KeysTheHMACWithTheSecretTextAsIs_NotItsBase64() throws {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let spec = try Self.spec(.stripe, secret)
        let body = Array(#"{"id":"evt_1","object":"event"}"#.utf8)
        let asText = hexString(HMAC.sha256(key: Array(secret.utf8), message: Array("\(Signer.now).".utf8) + body))
        let decoded = hexString(HMAC.sha256(key: Signer.key(.standardWebhooks, secret), message: Array("\(Signer.now).".utf8) + body))
        #expect(spec.problem(headers: ["Stripe-Signature": "t=\(Signer.now),v1=\(asText)"], body: body, now: Signer.date()) == nil)
        #expect(spec.problem(headers: ["Stripe-Signature": "t=\(Signer.now),v1=\(decoded)"], body: body, now: Signer.date()) != nil)
        // Stripe's documented shape: spaces tolerated, v0 (test mode) ignored, t first or not.
        let shaped = "v0=\(String(repeating: "0", count: 64)), v1=\(asText) , t=\(Signer.now)"
        #expect(spec.problem(headers: ["Stripe-Signature": shaped], body: body, now: Signer.date()) == nil)
    }

    @Test func hmac_KeepsItsOriginalFormat_PrefixOptional_EitherCase_TimestampBeforeSignature() throws {
        let spec = try Self.spec(.hmac, "s3cret")
        let body = Array("{}".utf8)
        let mac = hexString(HMAC.sha256(key: Array("s3cret".utf8), message: Array("\(Signer.now).".utf8) + body))
        for signature in [mac, "sha256=" + mac, "SHA256=" + mac.uppercased()] {
            #expect(spec.problem(headers: ["X-Timestamp": String(Signer.now), "X-Signature": signature], body: body, now: Signer.date()) == nil)
        }
        #expect(spec.problem(headers: [:], body: body, now: Signer.date()) == .missingHeader("X-Timestamp"))
        #expect(spec.problem(headers: ["X-Signature": mac], body: body, now: Signer.date()) == .missingHeader("X-Timestamp"))
        // The timestamp text as sent is what was signed ("0" + digits parses to the same number but signs differently).
        #expect(spec.problem(headers: ["X-Timestamp": "0\(Signer.now)", "X-Signature": mac], body: body, now: Signer.date()) != nil)
    }

    @Test func specs_TakeTheSchemesDefaults() throws {
        let expected: [(WebhookSignatureScheme, String, String?, String?, Bool)] = [
            (.hmac, "X-Signature", "X-Timestamp", nil, false),
            (.standardWebhooks, "webhook-signature", "webhook-timestamp", "webhook-id", true),
            (.stripe, "Stripe-Signature", nil, nil, true),
            (.github, "X-Hub-Signature-256", nil, nil, false),
            (.slack, "X-Slack-Signature", "X-Slack-Request-Timestamp", nil, false),
        ]
        for (scheme, signature, timestamp, id, replays) in expected {
            let spec = try Signer.spec(scheme)
            #expect(spec.signatureHeader == signature && spec.timestampHeader == timestamp && spec.idHeader == id, "\(scheme)")
            #expect(spec.rejectReplays == replays && spec.toleranceSeconds == 300, "\(scheme)")
        }
    }

    @Test func verify_ReportsTheReplayKey_OnlyWhenReplaysAreRefused() throws {
        let body = Array("x".utf8)
        let standard = try Signer.spec(.standardWebhooks)
        let delivery = try standard.verify(headers: Signer.headers(.standardWebhooks, body), body: body, now: Signer.date()).get()
        #expect(delivery.replayKey == "\(Signer.id)\n\(Signer.now)" && delivery.replayExpiry == Signer.now + 300)
        #expect(delivery.description == "webhook-id '\(Signer.id)' at webhook-timestamp \(Signer.now)")
        var slack = try Signer.spec(.slack)
        #expect(try slack.verify(headers: Signer.headers(.slack, body), body: body, now: Signer.date()).get().replayKey == nil)
        slack.rejectReplays = true
        #expect(try slack.verify(headers: Signer.headers(.slack, body), body: body, now: Signer.date()).get().replayKey != nil)
    }
}
