// Retry cases for the waits between attempts (retry.backoff, retry.retry-after) and the Idempotency-Key, judged by
// the gaps between the attempts' arrival stamps at the mock.
import Foundation
import JSONModel
import MockSystems

extension RetryCases {
    static let backoff: [ConformanceCase] = [exponential, capped, fullJitter]
    static let retryAfter: [ConformanceCase] = [retryAfterSeconds, retryAfterCapped, retryAfterDate]

    /// Below a computed delay, what the gap may lack: the next attempt's connecting can be quicker than the last's.
    static let earlyMargin = Duration.milliseconds(50)
    /// Above a delay, what scheduling on a loaded machine may add.
    static let lateMargin = Duration.milliseconds(250)

    /// Executes a tool with `retry` against a webhook that always answers 503, and expects each wait between
    /// attempts within [computed delay - early margin, computed delay + late margin]; with jitter, within
    /// [0, computed delay + late margin].
    /// - Throws: `CaseSetupError` when too few attempts arrive to measure every wait (retry.count and retry.which
    ///   judge how many attempts there are).
    private static func expectGaps(_ context: CaseContext, _ retry: RetrySettings) async throws {
        let hook = try context.startWebhook()
        hook.addFault(FaultRule.respond(503))
        let (seen, _) = try await attempts(context, hook, path: "/backoff", retry: retry, answerWithin: .seconds(10))
        let needed = 1 + retry.maxRetries
        guard seen.count >= needed else {
            throw CaseSetupError("the target made \(seen.count) attempt(s) where \(needed) were needed to measure the waits")
        }
        let gaps = Array(seen.prefix(needed)).arrivalGapsMs
        for (index, gap) in gaps.enumerated() {
            let delay = retry.delay(beforeRetry: index + 1).inMilliseconds
            let low = retry.jitter ? 0 : delay - context.marginMs(earlyMargin)
            let high = delay + context.lateMarginMs(lateMargin)
            let wanted = retry.jitter ? "at most \(Int(delay)) ms (jitter in [0, delay])" : "\(Int(delay)) ms"
            try context.expect(gap >= low && gap <= high, "the wait before retry \(index + 1) is \(wanted)",
                               observed: "the gaps between attempts were \(gaps.map { "\(Int($0)) ms" }.joined(separator: ", "))")
        }
    }

    // MARK: retry.backoff

    static let exponential = ConformanceCase(
        "retry.backoff.exponential", "Without jitter, base 0.2 s: the waits before retries 1-3 are 0.2, 0.4 and 0.8 s",
        rule: "retry.backoff", dialects: [.feather], wait: .milliseconds(1400)
    ) { context in
        try await expectGaps(context, RetrySettings(maxRetries: 3, baseDelaySeconds: 0.2, maxDelaySeconds: 1))
    }

    static let capped = ConformanceCase(
        "retry.backoff.capped", "Without jitter, base 0.8 s and max 1 s: the waits are 0.8 s, then 1 s (not 1.6 s)",
        rule: "retry.backoff", dialects: [.feather], wait: .milliseconds(1800)
    ) { context in
        try await expectGaps(context, RetrySettings(maxRetries: 2, baseDelaySeconds: 0.8, maxDelaySeconds: 1))
    }

    static let fullJitter = ConformanceCase(
        "retry.backoff.full-jitter", "With jitter, base 0.2 s: each wait is at most 0.2, 0.4, 0.8 s (uniform in [0, delay])",
        rule: "retry.backoff", dialects: [.feather], wait: .milliseconds(1400)
    ) { context in
        try await expectGaps(context, RetrySettings(maxRetries: 3, baseDelaySeconds: 0.2, maxDelaySeconds: 1, jitter: true))
    }

    // MARK: retry.retry-after

    /// What a `Retry-After` header asks for.
    enum RetryAfterWait {
        /// Delay-seconds.
        case seconds(Int)
        /// An HTTP date.
        case until(Date)

        var headerValue: String {
            switch self {
            case let .seconds(seconds): return String(seconds)
            case let .until(date): return RetryCases.httpDate(date)
            }
        }
    }

    /// Answers `status` with `Retry-After` once, then success; expects the one wait to be what the header asks,
    /// capped at max_delay. `makeWait` runs just before the execute request, so a date is counted from then, not
    /// from the case's start (a slow or far target takes a while to create the tool).
    private static func expectRetryAfter(_ context: CaseContext, status: Int, retry: RetrySettings,
                                         wait makeWait: () -> RetryAfterWait) async throws {
        let hook = try context.startWebhook()
        var header = RetryAfterWait.seconds(0)
        let (seen, _) = try await attempts(context, hook, path: "/busy", retry: retry, answerWithin: .seconds(10)) {
            header = makeWait()
            hook.addFault(FaultRule.respond(status, headers: ["Retry-After": header.headerValue], times: 1))
        }
        let wait = header
        guard seen.count >= 2 else {
            throw CaseSetupError("the target made \(seen.count) attempt(s); a retry is needed to measure the wait")
        }
        let gap = [seen[0], seen[1]].arrivalGapsMs[0]
        let asked: Duration, slack: Duration
        switch wait {
        case let .seconds(seconds):
            asked = .seconds(seconds)
            slack = .zero
        case let .until(date):
            // Measured from the first attempt's arrival; an HTTP date has whole seconds, which a server may round down.
            asked = .seconds(date.timeIntervalSince(seen[0].arrivedAt))
            slack = .seconds(1)
        }
        let expected = min(asked, .seconds(retry.maxDelaySeconds)).inMilliseconds
        let low = expected - slack.inMilliseconds - context.marginMs(earlyMargin)
        let high = expected + context.lateMarginMs(lateMargin)
        try context.expect(gap >= low && gap <= high,
                           "after `Retry-After: \(wait.headerValue)` (max_delay \(retry.maxDelaySeconds) s) the wait is \(Int(expected)) ms",
                           observed: "the retry came \(Int(gap)) ms after the \(status)")
    }

    static let retryAfterSeconds = ConformanceCase(
        "retry.retry-after.seconds", "A 429 with `Retry-After: 1` is retried after 1 s, not after the 0.1 s backoff",
        rule: "retry.retry-after", dialects: [.feather], wait: .seconds(1)
    ) { context in
        try await expectRetryAfter(context, status: 429, retry: RetrySettings(maxRetries: 1, baseDelaySeconds: 0.1, maxDelaySeconds: 2)) {
            .seconds(1)
        }
    }

    static let retryAfterCapped = ConformanceCase(
        "retry.retry-after.capped", "A 503 with `Retry-After: 30` and max_delay 1 s is retried after 1 s",
        rule: "retry.retry-after", dialects: [.feather], wait: .seconds(1)
    ) { context in
        try await expectRetryAfter(context, status: 503, retry: RetrySettings(maxRetries: 1, baseDelaySeconds: 0.1, maxDelaySeconds: 1)) {
            .seconds(30)
        }
    }

    static let retryAfterDate = ConformanceCase(
        "retry.retry-after.http-date", "A 503 with `Retry-After: <HTTP date>` is retried at that date (to the second), capped at 2 s",
        rule: "retry.retry-after", dialects: [.feather], wait: .seconds(2)
    ) { context in
        // 1.5-2.5 s after the first attempt arrives (the execute and the call travel one round trip first), capped at
        // 2 s: far enough that honouring it is told apart from the 0.1 s backoff even when the server rounds down to
        // whole seconds.
        try await expectRetryAfter(context, status: 503, retry: RetrySettings(maxRetries: 1, baseDelaySeconds: 0.1, maxDelaySeconds: 2)) {
            let travel = context.environment.roundTrip.p95Ms / 1000
            return .until(Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 1.5 + travel).rounded(.up)))
        }
    }

    /// RFC 9110 IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    // MARK: retry.idempotency-key

    static let sameIdempotencyKey = ConformanceCase(
        "retry.idempotency-key.same-on-every-attempt", "503, 503, then 200: all three attempts carry one non-empty Idempotency-Key",
        rule: "retry.idempotency-key", dialects: [.feather], capability: .idempotencyKey, wait: .milliseconds(300)
    ) { context in
        let hook = try context.startWebhook()
        hook.addFault(.statusSequence([503, 503]))
        let (seen, _) = try await attempts(context, hook, path: "/leads", retry: RetrySettings(maxRetries: 2))
        guard seen.count >= 2 else {
            throw CaseSetupError("the target made \(seen.count) attempt(s); retries are needed to compare their keys")
        }
        let keys = seen.map { $0.headerValue("Idempotency-Key") }
        try context.expect(keys.allSatisfy { $0?.isEmpty == false } && Set(keys).count == 1,
                           "every attempt carries the same non-empty Idempotency-Key",
                           observed: "the attempts carried " + keys.map { $0.map { "`\($0)`" } ?? "none" }.joined(separator: ", "))
    }
}
