// Header lookup, tokens and editing.
import Testing
@testable import HTTPWire

@Suite struct HTTPHeadersTests {
    @Test func headers_LookUpCaseInsensitively_InOrder() {
        var headers: HTTPHeaders = ["Content-Type": "a", "X-Y": "1"]
        headers.add("x-y", "2")
        #expect(headers["content-TYPE"] == "a")
        #expect(headers.values("X-y") == ["1", "2"])
        headers.set("X-Y", "3")
        #expect(headers.values("x-y") == ["3"])
        headers.remove("content-type")
        #expect(!headers.contains("Content-Type"))
    }

    @Test func headers_FindTokensInLists() {
        let headers: HTTPHeaders = ["Connection": "keep-alive, Upgrade", "Connection": " CLOSE "]
        #expect(headers.hasToken("close", in: "connection"))
        #expect(headers.hasToken("upgrade", in: "Connection"))
        #expect(!headers.hasToken("keep", in: "Connection"))
    }

    @Test func headers_NameMatchIsASCIIOnly() {
        #expect(HTTPHeaders.namesMatch("ABC-z", "abc-Z"))
        #expect(!HTTPHeaders.namesMatch("a@", "a`"))  // 0x40 vs 0x60 differ only in the case bit, but are not letters
    }
}
