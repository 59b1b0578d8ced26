// Retry-After values: delay-seconds and the three HTTP date formats of RFC 9110 §5.6.7.
import Foundation
import Testing
@testable import ReferenceToolServer

@Suite struct RetryAfterTests {
    /// Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example.
    private static let example = Date(timeIntervalSince1970: 784_111_777)

    @Test(arguments: ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"])
    func httpDate_ParsesEveryFormatRecipientsMustAccept(_ text: String) {
        #expect(RetryAfter.httpDate(text, now: Self.example) == Self.example)
    }

    @Test(arguments: ["", "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                      "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT x", "1994-11-06T08:49:37Z"])
    func httpDate_RejectsOtherText(_ text: String) {
        #expect(RetryAfter.httpDate(text, now: Self.example) == nil)
    }

    @Test func rfc850Year_IsTheNearestCenturyNotMoreThan50YearsAhead() {
        let in2026 = Date(timeIntervalSince1970: 1_780_000_000)
        #expect(RetryAfter.httpDate("Friday, 01-Jan-21 00:00:00 GMT", now: in2026) == Date(timeIntervalSince1970: 1_609_459_200))
        #expect(RetryAfter.httpDate("Thursday, 01-Jan-98 00:00:00 GMT", now: in2026) == Date(timeIntervalSince1970: 883_612_800))
    }

    @Test func seconds_FromDelayOrDate_NeverNegative() {
        #expect(RetryAfter.seconds("120", now: Self.example) == 120)
        #expect(RetryAfter.seconds(" 5 ", now: Self.example) == 5)
        #expect(RetryAfter.seconds("Sun, 06 Nov 1994 08:50:37 GMT", now: Self.example) == 60)
        #expect(RetryAfter.seconds("Sun, 06 Nov 1994 08:48:37 GMT", now: Self.example) == 0)
        #expect(RetryAfter.seconds("1.5", now: Self.example) == nil)
    }
}
