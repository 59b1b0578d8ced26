// What every scheme shares: a right signature passes; a missing header, a changed byte, a stale timestamp, a wrong
// secret or a malformed header each fail with their own message; rotation; no secret in any message.
import Foundation
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct SignatureSpecVerifyingTests {
    private static let body = Array(#"{"type":"call.ended","data":{"id":"c_1","note":"café"}}"#.utf8) + [0xFF, 0x00, 0x0A]
    private static let timed = WebhookSignatureScheme.allCases.filter(\.hasTimestamp)

    private static func problem(_ scheme: WebhookSignatureScheme, _ headers: HTTPHeaders, body: [UInt8] = body,
                                secrets: [String]? = nil, now: Int = Signer.now) throws -> SignatureProblem? {
        try Signer.spec(scheme, secrets: secrets).problem(headers: headers, body: body, now: Signer.date(now))
    }

    @Test(arguments: WebhookSignatureScheme.allCases)
    func verify_Accepts_ACorrectSignatureOverTheRawBytes(_ scheme: WebhookSignatureScheme) throws {
        #expect(try Self.problem(scheme, Signer.headers(scheme, Self.body)) == nil)
    }

    @Test(arguments: WebhookSignatureScheme.allCases)
    func verify_NamesTheMissingHeader_EachInTurn(_ scheme: WebhookSignatureScheme) throws {
        let signed = Signer.headers(scheme, Self.body)
        for field in signed {
            let problem = try Self.problem(scheme, signed.setting(field.name, nil))
            #expect(problem == .missingHeader(field.name))
            #expect(problem?.message == "the \(field.name) header is missing")
        }
        #expect(try Self.problem(scheme, signed.setting(signed.fields[0].name, "  ")) == .missingHeader(signed.fields[0].name))
    }

    @Test(arguments: WebhookSignatureScheme.allCases)
    func verify_RefusesABodyWithOneByteChanged(_ scheme: WebhookSignatureScheme) throws {
        var changed = Self.body
        changed[5] ^= 0x01
        let spec = try Signer.spec(scheme)
        let problem = try Self.problem(scheme, Signer.headers(scheme, Self.body), body: changed)
        #expect(problem == .noMatch(header: spec.signatureHeader, signatures: 1, secrets: 1, signedContent: scheme.signedContent))
        #expect(problem?.message == "the signature does not match: tried 1 signature from \(spec.signatureHeader) against "
                + "1 configured secret; each must be HMAC-SHA256 of '\(scheme.signedContent)'")
    }

    @Test(arguments: timed)
    func verify_RefusesAStaleOrFutureTimestamp_AndAcceptsTheEdgeOfTheTolerance(_ scheme: WebhookSignatureScheme) throws {
        for offset in [-300, 300] {
            #expect(try Self.problem(scheme, Signer.headers(scheme, Self.body, timestamp: Signer.now + offset)) == nil, "\(offset)")
        }
        let old = try #require(try Self.problem(scheme, Signer.headers(scheme, Self.body, timestamp: Signer.now - 3_600)))
        guard case let .staleTimestamp(header, _, offset, tolerance) = old else { Issue.record("\(old)"); return }
        #expect(offset == -3_600 && tolerance == 300 && header == (scheme.defaultTimestampHeader ?? "Stripe-Signature"))
        #expect(old.header == header)
        #expect(old.message.hasSuffix("is 3600 s away from now (in the past); at most 300 s either way is accepted"), "\(old.message)")
        let future = try Self.problem(scheme, Signer.headers(scheme, Self.body, timestamp: Signer.now + 301))
        #expect(future?.message.hasSuffix("is 301 s away from now (in the future); at most 300 s either way is accepted") == true)
    }

    @Test(arguments: timed)
    func verify_RefusesATimestampThatIsNotANumber_AndSurvivesExtremeOnes(_ scheme: WebhookSignatureScheme) throws {
        let (name, original) = scheme == .stripe ? ("Stripe-Signature", "t=\(Signer.now)") : (scheme.defaultTimestampHeader!, String(Signer.now))
        let signed = Signer.headers(scheme, Self.body)
        let value = try #require(signed[name]).replacingOccurrences(of: original, with: scheme == .stripe ? "t=soon" : "soon")
        let problem = try #require(try Self.problem(scheme, signed.setting(name, value)))
        #expect(problem.message.hasSuffix("must be Unix seconds, got 'soon'"), "\(problem.message)")
        let long = String(repeating: "x", count: 41)
        let longValue = try #require(signed[name]).replacingOccurrences(of: original, with: scheme == .stripe ? "t=\(long)" : long)
        let unquoted = try Self.problem(scheme, signed.setting(name, longValue))?.message
        #expect(unquoted?.hasSuffix("must be Unix seconds, got 41 characters") == true, "\(String(describing: unquoted))")
        for extreme in [Int.min, Int.max] {
            let stale = try Self.problem(scheme, Signer.headers(scheme, Self.body, timestamp: extreme))
            guard case .staleTimestamp? = stale else { Issue.record("\(extreme): \(String(describing: stale))"); continue }
        }
    }

    @Test(arguments: WebhookSignatureScheme.allCases)
    func verify_RefusesASignatureMadeWithAnotherSecret(_ scheme: WebhookSignatureScheme) throws {
        let problem = try Self.problem(scheme, Signer.headers(scheme, Self.body, secrets: [Signer.wrongSecret(scheme)]))
        guard case .noMatch(_, 1, 1, _)? = problem else { Issue.record("\(String(describing: problem))"); return }
    }

    @Test(arguments: WebhookSignatureScheme.allCases)
    func verify_AcceptsAnyConfiguredSecret_ForRotation(_ scheme: WebhookSignatureScheme) throws {
        let both = [Signer.wrongSecret(scheme), Signer.secret(scheme)]
        #expect(try Self.problem(scheme, Signer.headers(scheme, Self.body), secrets: both) == nil)
        #expect(try Self.problem(scheme, Signer.headers(scheme, Self.body, secrets: [Signer.wrongSecret(scheme)]), secrets: both)
                == nil)
        let neither = try Self.problem(scheme, Signer.headers(scheme, Self.body, secrets: ["third-\(UUID())"]), secrets: both)
        #expect(neither?.message.contains("against 2 configured secrets") == true, "\(String(describing: neither))")
    }

    @Test(arguments: [WebhookSignatureScheme.standardWebhooks, .stripe])
    func verify_AcceptsSeveralSignaturesWhenOneIsRight_AndCountsThemWhenNoneIs(_ scheme: WebhookSignatureScheme) throws {
        let wrong = Signer.wrongSecret(scheme)
        #expect(try Self.problem(scheme, Signer.headers(scheme, Self.body, secrets: [wrong, Signer.secret(scheme), wrong])) == nil)
        let problem = try Self.problem(scheme, Signer.headers(scheme, Self.body, secrets: [wrong, wrong]))
        guard case .noMatch(_, 2, 1, _)? = problem else { Issue.record("\(String(describing: problem))"); return }
        #expect(problem?.message.contains("tried 2 signatures") == true)
    }

    /// Per scheme: (header, malformed value, words the reason must hold).
    private static let malformed: [(WebhookSignatureScheme, String, String, String)] = [
        (.hmac, "X-Signature", "sha256=zz", "64 hex digits"),
        (.standardWebhooks, "webhook-signature", "v1,!!!not-base64", "not base64"),
        (.standardWebhooks, "webhook-signature", "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=", "found no v1"),
        (.stripe, "Stripe-Signature", "t=\(Signer.now),v1", "key=value"),
        (.stripe, "Stripe-Signature", "v1=\(String(repeating: "ab", count: 32))", "no t=<Unix seconds>"),
        (.stripe, "Stripe-Signature", "t=\(Signer.now),v0=\(String(repeating: "ab", count: 32))", "no v1=<hex>"),
        (.stripe, "Stripe-Signature", "t=\(Signer.now),v1=xyz", "not hex"),
        (.github, "X-Hub-Signature-256", "sha1=\(String(repeating: "ab", count: 20))", "'sha256='"),
        (.github, "X-Hub-Signature-256", "sha256=abc", "64 hex digits"),
        (.slack, "X-Slack-Signature", "v1=\(String(repeating: "ab", count: 32))", "'v0='"),
    ]

    @Test func verify_SaysWhatIsMalformed_InEachScheme() throws {
        for (scheme, header, value, words) in Self.malformed {
            let problem = try Self.problem(scheme, Signer.headers(scheme, Self.body).setting(header, value))
            guard case let .malformedHeader(name, reason)? = problem else { Issue.record("\(scheme) \(value): \(String(describing: problem))"); continue }
            #expect(name == header && reason.contains(words), "\(scheme) \(value): \(reason)")
            #expect(problem?.message.hasPrefix("the \(header) header is malformed: ") == true)
        }
    }

    @Test(arguments: WebhookSignatureScheme.allCases)
    func verify_NeverPutsASecretOrTheExpectedSignatureInAMessage(_ scheme: WebhookSignatureScheme) throws {
        let spec = try Signer.spec(scheme)
        let expected = Signer.headers(scheme, Self.body)
        var changed = Self.body
        changed[0] ^= 0x20
        let attempts = [expected, Signer.headers(scheme, Self.body, timestamp: 5), Signer.headers(scheme, Self.body, secrets: [Signer.wrongSecret(scheme)])]
        for headers in attempts {
            guard let message = spec.problem(headers: headers, body: changed, now: Signer.date())?.message else { continue }
            for leak in spec.maskedValues + expected.map(\.value).filter({ $0.count > 20 }) {
                #expect(!message.contains(leak), "\(message)")
            }
        }
    }
}
