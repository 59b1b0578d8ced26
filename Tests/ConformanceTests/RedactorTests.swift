// Secrets out of evidence.
import Conformance
import Foundation
import Testing

@Suite struct RedactorTests {
    @Test func redact_ReplacesEveryFormOfASecret() {
        let redactor = Redactor(["tsk_live key/1"])
        redactor.addBasicCredentials(user: "client", password: "s3cret-value")
        let basic = Data("client:s3cret-value".utf8).base64EncodedString()
        let text = "x-api-key: tsk_live key/1; url ?k=tsk_live%20key%2F1; Authorization: Basic \(basic)"
        let redacted = redactor.redact(text)
        #expect(redacted == "x-api-key: [redacted]; url ?k=[redacted]; Authorization: Basic [redacted]")
        #expect(redactor.leaks(in: text) && !redactor.leaks(in: redacted))
    }

    @Test func redact_IgnoresValuesTooShortToBeSecrets() {
        let redactor = Redactor(["ab"])
        #expect(redactor.redact("about") == "about")
    }
}
