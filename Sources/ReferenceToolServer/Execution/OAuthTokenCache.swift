// OAuth 2.0 client-credentials tokens, fetched once and shared until they expire or are rejected.
import HTTPWire
import Synchronization

/// Fetches access tokens with the client-credentials grant (RFC 6749 §4.4) and reuses each until shortly before
/// it expires, or until a downstream system rejects it. Thread-safe; concurrent callers for the same credentials
/// share one fetch. The client secret goes only to the token endpoint.
public final class OAuthTokenCache: Sendable {
    /// Timing settings, each defaulted.
    public struct Configuration: Sendable, Equatable {
        /// A token is refreshed this long before `expires_in` runs out, at most (default 30 s) ...
        public var maxExpiryMargin: Duration = .seconds(30)
        /// ... and at most this fraction of its lifetime (default 0.1), so a 2-second token is used for 1.8 s.
        public var expiryMarginFraction: Double = 0.1
        /// How long a token without `expires_in` is reused (default 300 s); a 401 `invalid_token` still refreshes it.
        public var defaultLifetime: Duration = .seconds(300)
        /// The deadline of one token request (default 10 s); on expiry the fetch fails as `unreachable`.
        public var fetchTimeout: Duration = .seconds(10)

        /// The defaults.
        public init() {}
    }

    /// A token and when to stop using it (monotonic nanoseconds).
    struct IssuedToken: Sendable, Equatable {
        var value: String
        var refreshAt: UInt64
    }

    typealias Fetch = Task<Result<IssuedToken, OAuthTokenError>, Never>

    /// A token in hand, or a fetch under way that callers can wait for.
    enum Entry {
        case ready(IssuedToken)
        case fetching(id: UInt64, task: Fetch)
    }

    let client: HTTPClient
    let configuration: Configuration
    let now: @Sendable () -> UInt64
    private let state = Mutex<(entries: [OAuthClientCredentials: Entry], nextID: UInt64)>(([:], 0))

    /// A cache that fetches through `client`.
    /// - Parameters:
    ///   - client: the HTTP client for token requests; it must outlive the cache's use.
    ///   - configuration: margins and timeouts.
    ///   - now: monotonic nanoseconds; tests pass a fake clock to expire tokens without waiting.
    public init(client: HTTPClient, configuration: Configuration = .init(),
                now: @escaping @Sendable () -> UInt64 = MonotonicClock.now) {
        self.client = client
        self.configuration = configuration
        self.now = now
    }

    /// A valid access token for `credentials`: the cached one while it is fresh, else a newly fetched one.
    /// - Throws: `OAuthTokenError` when the issuer cannot be reached, refuses, or answers without a token.
    ///   A failed fetch is not cached: the next call tries again.
    public func token(for credentials: OAuthClientCredentials) async throws(OAuthTokenError) -> String {
        enum Step { case cached(String), wait(Fetch, id: UInt64) }
        let step = state.withLock { state -> Step in
            switch state.entries[credentials] {
            case let .ready(token)? where now() < token.refreshAt:
                return .cached(token.value)
            case let .fetching(id, task)?:
                return .wait(task, id: id)
            default:
                state.nextID += 1
                let task = Fetch { await self.fetch(credentials) }
                state.entries[credentials] = .fetching(id: state.nextID, task: task)
                return .wait(task, id: state.nextID)
            }
        }
        switch step {
        case let .cached(token):
            return token
        case let .wait(task, id):
            let result = await task.value
            store(result, for: credentials, fetch: id)
            return try result.get().value
        }
    }

    /// Forgets `token` for `credentials` (a downstream system answered 401 `invalid_token`), so the next call
    /// fetches a new one. A different token cached meanwhile (another caller refreshed first) is kept.
    public func invalidate(_ token: String, for credentials: OAuthClientCredentials) {
        state.withLock { state in
            if case let .ready(cached)? = state.entries[credentials], cached.value == token { state.entries[credentials] = nil }
        }
    }

    /// Records the outcome of fetch `id`, unless a newer fetch or an invalidation replaced it.
    private func store(_ result: Result<IssuedToken, OAuthTokenError>, for credentials: OAuthClientCredentials, fetch id: UInt64) {
        state.withLock { state in
            guard case let .fetching(current, _)? = state.entries[credentials], current == id else { return }
            switch result {
            case let .success(token):
                state.entries[credentials] = .ready(token)
            case .failure:
                state.entries[credentials] = nil
            }
        }
    }
}
