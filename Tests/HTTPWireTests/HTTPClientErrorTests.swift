// Error attribution without sockets: deadline by phase, errno and parser errors to client errors, descriptions.
import Testing
@testable import HTTPWire
#if canImport(Glibc)
import Glibc
#endif

struct HTTPClientErrorTests {
    @Test func deadline_IsAConnectTimeout_UntilConnected_ThenAResponseTimeout() {
        #expect(RequestPhase.waiting.deadlineError == .connectTimedOut)
        #expect(RequestPhase.resolving.deadlineError == .connectTimedOut)
        #expect(RequestPhase.connecting.deadlineError == .connectTimedOut)
        #expect(RequestPhase.writing.deadlineError == .responseTimedOut)
        #expect(RequestPhase.reading.deadlineError == .responseTimedOut)
        #expect(RequestPhase.finished.deadlineError == nil)
    }

    @Test func connectFailure_MapsErrnoToDistinctErrors() {
        #expect(HTTPClientError.connectFailure(errno: ECONNREFUSED) == .connectionRefused)
        #expect(HTTPClientError.connectFailure(errno: ETIMEDOUT) == .connectTimedOut)
        #expect(HTTPClientError.connectFailure(errno: ECONNRESET) == .connectionReset)
        #expect(HTTPClientError.connectFailure(errno: ENETUNREACH) == .system(call: "connect", errno: ENETUNREACH))
    }

    @Test func parseFailure_Maps413ToTooLarge_AndTheRestToMalformed() {
        #expect(HTTPClientError.parseFailure(HTTPParseError(413, "response body exceeds 9 bytes"), maxBodyBytes: 9, maxHeadBytes: 99)
            == .responseTooLarge(limit: 9))
        #expect(HTTPClientError.parseFailure(HTTPParseError(413, "response head exceeds 99 bytes"), maxBodyBytes: 9, maxHeadBytes: 99)
            == .responseTooLarge(limit: 99))
        #expect(HTTPClientError.parseFailure(HTTPParseError(400, "bad"), maxBodyBytes: 9, maxHeadBytes: 99) == .malformedResponse("bad"))
        #expect(HTTPClientError.parseFailure(HTTPParseError(431, "many"), maxBodyBytes: 9, maxHeadBytes: 99) == .malformedResponse("many"))
    }

    @Test func descriptions_SayWhatHappened_EachDifferently() {
        let errors: [HTTPClientError] = [.invalidURL("x"), .unsupportedScheme("https"), .invalidRequest("x"), .invalidConfiguration("x"),
                                         .cannotResolve(host: "h"), .connectionRefused, .connectTimedOut, .responseTimedOut,
                                         .connectionReset, .closedWithoutResponse, .malformedResponse("x"), .responseTooLarge(limit: 5),
                                         .shutDown, .system(call: "recv", errno: EBADF)]
        let descriptions = errors.map(\.description)
        #expect(Set(descriptions).count == errors.count)
        #expect(HTTPClientError.unsupportedScheme("https").description.contains("https"))
        #expect(HTTPClientError.responseTooLarge(limit: 5).description.contains("5 bytes"))
        #expect(HTTPClientError.system(call: "recv", errno: EBADF).description.contains("recv failed"))
    }

    @Test func deadline_SaturatesInsteadOfWrappingAround() {
        #expect(MonotonicClock.deadline(Duration.seconds(2).nanoseconds, after: 10) == 2_000_000_010)
        #expect(MonotonicClock.deadline(Duration.seconds(Int64.max).nanoseconds, after: 10) == .max)
        #expect(MonotonicClock.deadline(Duration.seconds(-1).nanoseconds, after: 10) == 10)
    }

    @Test func configuration_DefaultsAreTheDocumentedOnes() {
        let defaults = HTTPClient.Configuration()
        #expect(defaults.poolIdleTimeout == .seconds(5))
        #expect(defaults.maxIdlePerHost == 32)
        #expect(defaults.maxResponseBytes == 16 * 1024 * 1024)
        #expect(defaults.maxResponseHeadBytes == 64 * 1024)
    }

    @Test func configuration_RejectsOutOfRangeValues() {
        #expect(throws: HTTPClientError.invalidConfiguration("configuration.maxIdlePerHost must be 0 or more, got -1")) {
            try HTTPClient(configuration: .init(maxIdlePerHost: -1))
        }
        #expect(throws: HTTPClientError.self) { try HTTPClient(configuration: .init(poolIdleTimeout: .seconds(-1))) }
        #expect(throws: HTTPClientError.self) { try HTTPClient(configuration: .init(maxResponseBytes: -1)) }
        #expect(throws: HTTPClientError.self) { try HTTPClient(configuration: .init(maxResponseHeadBytes: 10)) }
    }
}
