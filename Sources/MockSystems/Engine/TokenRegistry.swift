// Access tokens issued by a cluster's OAuth issuer, shared with the systems that accept only those tokens.
import HTTPWire
import Synchronization

/// Issued bearer tokens, their expiry (monotonic) and revocation, shared by every system of one cluster.
public final class TokenRegistry: Sendable {
    /// What a presented token turned out to be.
    public enum Verdict: Sendable, Equatable {
        case valid
        case expired
        /// Revoked by the admin API or by RFC 7009 revocation (revocation wins over expiry).
        case revoked
        case unknown
    }

    /// How long a token is still remembered after it expired (until then it is reported as expired or revoked, not unknown).
    public static let rememberedAfterExpiry: Duration = .seconds(3600)

    private struct Grant {
        var clientID: String
        var issuedAt: UInt64
        var expiresAt: UInt64
        var revoked = false
        /// Issue order, so that listings are oldest first.
        var serial: Int
    }

    private struct State {
        var grants: [String: Grant] = [:]
        var issued = 0
    }

    private let state = Mutex(State())
    private let clock: @Sendable () -> UInt64

    /// - Parameter clock: monotonic nanoseconds; tests pass a fake one to expire tokens without waiting.
    public init(clock: @escaping @Sendable () -> UInt64 = MonotonicClock.now) {
        self.clock = clock
    }

    /// Issues a new random token for `clientID`, valid for `lifetime`.
    public func issue(clientID: String, lifetime: Duration) -> String {
        var generator = SystemRandomNumberGenerator()
        let token = "mock_at_" + CollectionStore.hex(40, using: &generator)
        let now = clock()
        let remembered = Self.rememberedAfterExpiry.nanoseconds
        state.withLock { state in
            state.grants = state.grants.filter { $0.value.expiresAt &+ remembered > now }
            state.issued += 1
            state.grants[token] = Grant(clientID: clientID, issuedAt: now, expiresAt: MonotonicClock.deadline(lifetime, after: now),
                                        serial: state.issued)
        }
        return token
    }

    /// Whether `token` may be used now.
    public func verdict(for token: String) -> Verdict {
        guard let grant = state.withLock({ $0.grants[token] }) else { return .unknown }
        return Self.verdict(grant, now: clock())
    }

    /// The client `token` was issued to, while it is remembered.
    public func clientID(of token: String) -> String? { state.withLock { $0.grants[token]?.clientID } }

    /// Makes the selected valid tokens expire now; returns how many did (expired or revoked ones are left alone).
    @discardableResult
    public func expire(_ selector: TokenSelector) -> Int {
        let now = clock()
        return state.withLock { state in
            var count = 0
            for (token, grant) in state.grants where selector.selects(token: token, clientID: grant.clientID)
                && Self.verdict(grant, now: now) == .valid {
                state.grants[token]?.expiresAt = now
                count += 1
            }
            return count
        }
    }

    /// Revokes the selected tokens; returns how many were not revoked before (expired ones count: they are now revoked).
    @discardableResult
    public func revoke(_ selector: TokenSelector) -> Int {
        state.withLock { state in
            var count = 0
            for (token, grant) in state.grants where selector.selects(token: token, clientID: grant.clientID) && !grant.revoked {
                state.grants[token]?.revoked = true
                count += 1
            }
            return count
        }
    }

    /// Every remembered token, oldest first, described without its value.
    public func list() -> [IssuedToken] {
        let now = clock()
        return state.withLock { state in
            state.grants.sorted { $0.value.serial < $1.value.serial }.map { token, grant in
                IssuedToken(fingerprint: Self.fingerprint(of: token), clientID: grant.clientID, verdict: Self.verdict(grant, now: now),
                            issuedSecondsAgo: Self.seconds(now, minus: grant.issuedAt),
                            expiresInSeconds: Self.seconds(grant.expiresAt, minus: now))
            }
        }
    }

    /// Forgets every token (as if the issuer restarted): they become unknown, not revoked.
    public func revokeAll() { state.withLock { $0.grants.removeAll() } }

    /// `sha256:` and the first 12 hex digits of the token's SHA-256: names a token in listings without revealing it.
    public static func fingerprint(of token: String) -> String {
        "sha256:" + hexString(Array(SHA256.hash(Array(token.utf8)).prefix(6)))
    }

    private static func verdict(_ grant: Grant, now: UInt64) -> Verdict {
        if grant.revoked { return .revoked }
        return grant.expiresAt > now ? .valid : .expired
    }

    /// Whole seconds from `b` to `a`, negative when `a` is earlier (rounded toward zero).
    private static func seconds(_ a: UInt64, minus b: UInt64) -> Int { Int(MonotonicClock.elapsed(since: b, at: a).inSeconds) }
}

/// Which issued tokens an expiry or revocation applies to.
public enum TokenSelector: Sendable, Equatable {
    case all
    /// One token by its value.
    case token(String)
    /// One token by the fingerprint a listing shows (`sha256:` + 12 hex digits).
    case fingerprint(String)
    /// Every token issued to this client.
    case clientID(String)

    func selects(token: String, clientID: String) -> Bool {
        switch self {
        case .all: return true
        case let .token(value): return constantTimeEquals(Array(token.utf8), Array(value.utf8))
        case let .fingerprint(value): return TokenRegistry.fingerprint(of: token) == value.lowercased()
        case let .clientID(value): return clientID == value
        }
    }
}

/// One issued token as the admin API lists it: never the token itself.
public struct IssuedToken: Sendable, Equatable {
    /// `sha256:` + 12 hex digits of the token's hash.
    public var fingerprint: String
    public var clientID: String
    public var verdict: TokenRegistry.Verdict
    public var issuedSecondsAgo: Int
    /// Seconds until expiry; zero or negative once expired.
    public var expiresInSeconds: Int
}
