// Runs a case's steps against a deadline without waiting for steps that ignore cancellation.
import Synchronization

/// How a bounded piece of work ended.
enum BoundedOutcome: Sendable {
    case finished(Result<Void, any Error>)
    case deadlinePassed
}

/// Runs `work` and returns when it finishes or `seconds` pass, whichever is first. On the deadline the work is
/// cancelled and left to wind down on its own (its requests have their own timeouts), so a hung target cannot
/// hold up the run.
func runBounded(seconds: Double, _ work: @escaping @Sendable () async throws -> Void) async -> BoundedOutcome {
    let once = ResumeOnce()
    let worker = Task {
        do { try await work(); once.resume(.finished(.success(()))) } catch { once.resume(.finished(.failure(error))) }
    }
    let timer = Task {
        try? await Task.sleep(for: .milliseconds(Int(max(0, seconds) * 1000)))
        once.resume(.deadlinePassed)
    }
    let outcome = await once.value()
    timer.cancel()
    if case .deadlinePassed = outcome { worker.cancel() }
    return outcome
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
