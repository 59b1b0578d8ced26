// The API key: accepted as x-api-key or Bearer, refused with 401 and a body saying what to send.
import HTTPWire
import Testing
@testable import ReferenceToolServer

@Suite struct APIKeyCheckTests {
    let check = APIKeyCheck(key: "tsk_secret")

    private func request(_ headers: HTTPHeaders) -> HTTPRequest { HTTPRequest(method: "GET", target: "/v1/tools", headers: headers) }

    @Test func key_IsAcceptedInEitherHeader() {
        #expect(check.refusal(for: request(["x-api-key": "tsk_secret"])) == nil)
        #expect(check.refusal(for: request(["Authorization": "Bearer tsk_secret"])) == nil)
        #expect(check.refusal(for: request(["Authorization": "bearer tsk_secret"])) == nil)
    }

    @Test func missingOrWrongKey_Gets401_WithoutEchoingAnyKey() throws {
        for headers: HTTPHeaders in [[:], ["x-api-key": "nope"], ["Authorization": "Basic dHNrX3NlY3JldA=="], ["Authorization": "Bearer "]] {
            let refusal = try #require(check.refusal(for: request(headers)))
            #expect(refusal.status == 401)
            #expect(refusal.bodyText.contains("\"error\":\"unauthorized\""))
            #expect(!refusal.bodyText.contains("tsk_secret"))
        }
    }

    @Test func generatedKeys_AreFreshAndShaped() {
        let a = APIKeyCheck.generate(), b = APIKeyCheck.generate()
        #expect(a != b)
        #expect(a.hasPrefix("tsk_") && a.count == 36)
    }
}
