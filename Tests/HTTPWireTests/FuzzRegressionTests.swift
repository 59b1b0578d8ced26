// Inputs found while fuzzing the parsers (Tests/Fuzz), kept as regression tests.
import Testing
@testable import HTTPWire

@Suite struct FuzzRegressionTests {
    /// A long chunk-size line (or trailer line), sent one byte per read. Each read used to rescan the whole line so far
    /// for its LF: quadratic, ~30 s of event-loop CPU in a debug build for this length (~2 min at the 64 KiB limit).
    private static let longLine = 30_000

    @Test func requestParser_ScansALongChunkExtensionOnce_WhenItArrivesAByteAtATime() {
        let stream = Array("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;".utf8)
            + Array(repeating: UInt8(ascii: "x"), count: Self.longLine) + Array("\r\nabc\r\n0\r\n\r\n".utf8)
        let clock = ContinuousClock()
        var result = WireFuzzEntryPoints.ParsedRequests()
        let elapsed = clock.measure {
            result = WireFuzzEntryPoints.parseRequests(stream, readSize: 1, limits: HTTPRequestLimits())
        }
        #expect(result.error == nil)
        #expect(result.requests.map(\.bodyText) == ["abc"])
        #expect(elapsed < .seconds(5), "linear work takes well under a second even in a debug build; took \(elapsed)")
    }

    @Test func responseReader_ScansALongTrailerOnce_WhenItArrivesAByteAtATime() {
        let stream = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-Trailer: ".utf8)
            + Array(repeating: UInt8(ascii: "y"), count: Self.longLine) + Array("\r\n\r\n".utf8)
        let clock = ContinuousClock()
        var result = WireFuzzEntryPoints.ReadResponse()
        let elapsed = clock.measure {
            result = WireFuzzEntryPoints.readResponse(stream, readSize: 1, requestMethod: "GET", maxHeadBytes: 64 * 1024,
                                                      maxBodyBytes: 1024)
        }
        #expect(result.error == nil)
        #expect(result.response?.bodyText == "ok")
        #expect(elapsed < .seconds(5), "linear work takes well under a second even in a debug build; took \(elapsed)")
    }

    /// Resuming the LF search must survive the owner compacting the buffer between reads (after a large request).
    @Test(arguments: [1, 3, 4096, 5000])
    func requestParser_FindsChunkLinesSplitAcrossCompactedReads(readSize: Int) {
        let first = "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "z", count: 5000)
        let second = "POST /b HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4;name=value\r\nWiki\r\n5\r\npedia\r\n0\r\nT: x\r\n\r\n"
        let result = WireFuzzEntryPoints.parseRequests(Array((first + second).utf8), readSize: readSize, limits: HTTPRequestLimits())
        #expect(result.error == nil)
        #expect(result.requests.map(\.target) == ["/a", "/b"])
        #expect(result.requests.last?.bodyText == "Wikipedia")
    }
}
