// Runs a case's steps against a deadline (which may move) without waiting for steps that ignore cancellation.
import HTTPWire
import Synchronization

/// How a bounded piece of work ended.
enum BoundedOutcome: Sendable {
    case finished(Result<Void, any Error>)
    case deadlinePassed
}

/// Runs `work` and returns when it finishes or the deadline passes, whichever is first. `deadline` (monotonic
/// nanoseconds) is read again whenever it is reached, so it may move later while the work runs (a case's deadline
/// follows the time its target takes to answer). On the deadline the work is cancelled and left to wind down on its
/// own (its requests have their own timeouts), so a hung target cannot hold up the run.
func runBounded(deadline: @escaping @Sendable () -> UInt64, _ work: @escaping @Sendable () async throws -> Void) async -> BoundedOutcome {
    let once = ResumeOnce()
    let worker = Task {
        do { try await work(); once.resume(.finished(.success(()))) } catch { once.resume(.finished(.failure(error))) }
    }
    let timer = Task {
        while !Task.isCancelled {
            let now = MonotonicClock.now(), until = deadline()
            guard now < until else { return once.resume(.deadlinePassed) }
            try? await Task.sleep(for: MonotonicClock.elapsed(since: now, at: until))
        }
    }
    let outcome = await once.value()
    timer.cancel()
    if case .deadlinePassed = outcome { worker.cancel() }
    return outcome
}

/// Runs `work` for at most `span` from now; see `runBounded(deadline:_:)`.
func runBounded(for span: Duration, _ work: @escaping @Sendable () async throws -> Void) async -> BoundedOutcome {
    let deadline = MonotonicClock.deadline(span, after: MonotonicClock.now())
    return await runBounded(deadline: { deadline }, work)
}

/// A value delivered once, awaited once.
private final class ResumeOnce: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<BoundedOutcome, Never>)
        case done(BoundedOutcome)
        case delivered
    }

    private let state = Mutex(State.empty)

    func resume(_ outcome: BoundedOutcome) {
        let waiter: CheckedContinuation<BoundedOutcome, Never>? = state.withLock { state in
            switch state {
            case .empty:
                state = .done(outcome)
                return nil
            case let .waiting(continuation):
                state = .delivered
                return continuation
            case .done, .delivered:
                return nil
            }
        }
        waiter?.resume(returning: outcome)
    }

    func value() async -> BoundedOutcome {
        await withCheckedContinuation { continuation in
            let ready: BoundedOutcome? = state.withLock { state in
                if case let .done(outcome) = state {
                    state = .delivered
                    return outcome
                }
                state = .waiting(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
