// Access tokens issued by a cluster's OAuth issuer, shared with the systems that accept only those tokens.
import HTTPWire
import Synchronization

/// Issued bearer tokens and their expiry (monotonic), shared by every system of one cluster.
public final class TokenRegistry: Sendable {
    /// What a presented token turned out to be.
    public enum Verdict: Sendable, Equatable {
        case valid
        case expired
        case unknown
    }

    private struct Grant {
        var expiresAt: UInt64
        var clientID: String
    }

    private let grants = Mutex<[String: Grant]>([:])
    private let clock: @Sendable () -> UInt64

    /// - Parameter clock: monotonic nanoseconds; tests pass a fake one to expire tokens without waiting.
    public init(clock: @escaping @Sendable () -> UInt64 = MonotonicClock.now) {
        self.clock = clock
    }

    /// Issues a new random token for `clientID`, valid for `lifetimeSeconds`.
    public func issue(clientID: String, lifetimeSeconds: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let token = "mock_at_" + CollectionStore.hex(40, using: &generator)
        let now = clock()
        grants.withLock { grants in
            // Forget grants an hour past expiry; until then they are reported as expired, not unknown.
            grants = grants.filter { $0.value.expiresAt &+ 3_600_000_000_000 > now }
            grants[token] = Grant(expiresAt: now &+ UInt64(lifetimeSeconds) * 1_000_000_000, clientID: clientID)
        }
        return token
    }

    public func verdict(for token: String) -> Verdict {
        guard let grant = grants.withLock({ $0[token] }) else { return .unknown }
        return grant.expiresAt > clock() ? .valid : .expired
    }

    /// Forgets every token (as if the issuer restarted).
    public func revokeAll() { grants.withLock { $0.removeAll() } }
}
