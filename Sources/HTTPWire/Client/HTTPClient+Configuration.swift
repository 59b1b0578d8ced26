// The client's limits and pool settings, each named, documented and defaulted.

extension HTTPClient {
    /// Limits and connection-pool settings. Every field has a default; `init()` gives them all.
    public struct Configuration: Sendable, Equatable {
        /// How long an idle keep-alive connection may wait in the pool. One that idled longer is closed
        /// instead of reused (servers close idle connections too, and a reused dead one would fail the request).
        /// Default 5 seconds; zero disables reuse.
        public var poolIdleTimeout: Duration = .seconds(5)
        /// Most idle connections kept per host and port. Returning one to a full pool closes the longest-idle
        /// connection of that host. Default 32; zero disables reuse.
        public var maxIdlePerHost: Int = 32
        /// Largest response body accepted, in bytes. A larger one (by `Content-Length`, chunks or bytes before
        /// close) fails the request with `responseTooLarge(limit:)` and closes the connection. Default 16 MiB.
        public var maxResponseBytes: Int = 16 * 1024 * 1024
        /// Largest response head (status line and header fields), in bytes. A larger one fails the request with
        /// `responseTooLarge(limit:)` carrying this value. Default 64 KiB.
        public var maxResponseHeadBytes: Int = 64 * 1024
        /// A PEM file of CA certificates https servers may chain to, besides the system trust store (a private CA,
        /// `understudy mocks --tls`'s `ca.pem`). Nil trusts the system store only. Verification is never off.
        public var trustedCAFile: String?

        /// The defaults, changed by the arguments given.
        public init(poolIdleTimeout: Duration = .seconds(5), maxIdlePerHost: Int = 32,
                    maxResponseBytes: Int = 16 * 1024 * 1024, maxResponseHeadBytes: Int = 64 * 1024,
                    trustedCAFile: String? = nil) {
            self.poolIdleTimeout = poolIdleTimeout
            self.maxIdlePerHost = maxIdlePerHost
            self.maxResponseBytes = maxResponseBytes
            self.maxResponseHeadBytes = maxResponseHeadBytes
            self.trustedCAFile = trustedCAFile
        }

        /// Checks every field.
        /// - Throws: `HTTPClientError.invalidConfiguration` naming the first field out of range.
        func validate() throws(HTTPClientError) {
            guard poolIdleTimeout >= .zero else {
                throw .invalidConfiguration("configuration.poolIdleTimeout must not be negative, got \(poolIdleTimeout)")
            }
            guard maxIdlePerHost >= 0 else {
                throw .invalidConfiguration("configuration.maxIdlePerHost must be 0 or more, got \(maxIdlePerHost)")
            }
            guard maxResponseBytes >= 0 else {
                throw .invalidConfiguration("configuration.maxResponseBytes must be 0 or more, got \(maxResponseBytes)")
            }
            guard maxResponseHeadBytes >= 64 else {
                throw .invalidConfiguration("configuration.maxResponseHeadBytes must be at least 64, got \(maxResponseHeadBytes)")
            }
        }
    }
}
