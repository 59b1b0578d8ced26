// Scheme names and secrets: what each scheme accepts as a key, and refusals that name a secret's place, not its value.
import Foundation
import Testing
@testable import MockSystems

@Suite struct WebhookSignatureSchemeTests {
    @Test func schemes_AreNamedAsOnTheCommandLine() throws {
        #expect(WebhookSignatureScheme.allCases.map(\.rawValue) == ["hmac", "standard-webhooks", "stripe", "github", "slack"])
        #expect(try WebhookSignatureScheme(named: "standard-webhooks") == .standardWebhooks)
        #expect(throws: WebhookSignatureError.unknownScheme("svix")) { try WebhookSignatureScheme(named: "svix") }
        #expect(WebhookSignatureError.unknownScheme("svix").description
                == "unknown signature scheme 'svix'; expected one of: hmac, standard-webhooks, stripe, github, slack")
    }

    @Test func standardWebhooks_KeyIsTheBase64AfterWhsec_PaddedOrNot() throws {
        let bytes = (0..<32).map { UInt8($0 * 7 % 256) }
        let padded = Data(bytes.prefix(25)).base64EncodedString()  // 25 bytes: ends in "=="
        #expect(padded.hasSuffix("=="))
        for (secret, key) in [("whsec_" + Data(bytes).base64EncodedString(), bytes), ("whsec_" + padded, Array(bytes.prefix(25))),
                              ("whsec_" + padded.dropLast(2), Array(bytes.prefix(25)))] {
            #expect(try SignatureSpec(scheme: .standardWebhooks, secrets: [secret]).keys == [key], "\(secret)")
        }
        let svixExample = try SignatureSpec(scheme: .standardWebhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        #expect(svixExample.keys.first?.count == 24)
    }

    @Test func standardWebhooks_RefusesAMalformedSecret_NamingItsPlaceNeverItsValue() throws {
        let good = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let bad: [(String, String)] = [
            ("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "must start with 'whsec_'"),
            ("whsec_not base64!!", "is not 'whsec_' followed by base64"),
            ("whsec_" + Data(count: 16).base64EncodedString(), "decodes to 16 bytes; Standard Webhooks keys are 24-64 bytes"),
            ("whsec_" + Data(count: 65).base64EncodedString(), "decodes to 65 bytes"),
            ("whsec_", "is not 'whsec_' followed by base64"),
        ]
        for (secret, words) in bad {
            do {
                _ = try SignatureSpec(scheme: .standardWebhooks, secrets: [good, secret])
                Issue.record("accepted \(secret)")
            } catch {
                guard case let .badSecret(index, count, _) = error else { Issue.record("\(error)"); continue }
                #expect(index == 1 && count == 2)
                #expect(error.description.hasPrefix("secret 2 of 2 ") && error.description.contains(words), "\(error)")
                #expect(!error.description.contains(secret.dropFirst(6).prefix(8)) || secret.count <= 6, "\(error)")
            }
        }
        #expect(throws: WebhookSignatureError.noSecret) { try SignatureSpec(scheme: .standardWebhooks, secrets: []) }
    }

    @Test func otherSchemes_KeyIsTheSecretsUTF8_AndOnlyHmacTakesAnEmptyOne() throws {
        for scheme in [WebhookSignatureScheme.stripe, .github, .slack, .hmac] {
            #expect(try SignatureSpec(scheme: scheme, secrets: ["whsec_abc", "é"]).keys == [Array("whsec_abc".utf8), Array("é".utf8)])
        }
        #expect(try SignatureSpec(scheme: .hmac, secrets: [""]).keys == [[]])
        #expect(throws: WebhookSignatureError.badSecret(index: 0, count: 1, reason: "is empty")) {
            try SignatureSpec(scheme: .github, secrets: [""])
        }
        #expect(throws: Never.self) { try WebhookSignatureScheme.stripe.check(secrets: ["sk"]) }
    }

    @Test func maskedValues_HoldEverySecretAndTheBase64PartOfStandardWebhooksOnes() throws {
        let spec = try SignatureSpec(scheme: .standardWebhooks, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        #expect(spec.maskedValues == ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        #expect(try SignatureSpec(scheme: .slack, secrets: ["a", "b"]).maskedValues == ["a", "b"])
    }
}
