// The cluster's token registry on a fake clock: expiry, expiring and revoking by selector, listings without values.
import Testing
@testable import MockSystems

@Suite struct TokenRegistryTests {
    /// A registry on a fake clock with tokens for `clients` (in order), each valid for an hour.
    static func make(_ clients: [String]) -> (TokenRegistry, FakeClock, [String]) {
        let clock = FakeClock()
        let registry = TokenRegistry(clock: { clock.now })
        return (registry, clock, clients.map { registry.issue(clientID: $0, lifetime: .seconds(3600)) })
    }

    @Test func expire_ByToken_ExpiresThatOneOnly() {
        let (registry, _, tokens) = Self.make(["a", "a"])

        #expect(registry.expire(.token(tokens[0])) == 1)
        #expect(registry.expire(.token(tokens[0])) == 0, "an expired token is not counted again")
        #expect(registry.expire(.token("mock_at_unknown")) == 0)
        #expect(registry.verdict(for: tokens[0]) == .expired)
        #expect(registry.verdict(for: tokens[1]) == .valid)
    }

    @Test func expire_ByClient_AndAll() {
        let (registry, _, tokens) = Self.make(["a", "b", "a"])

        #expect(registry.expire(.clientID("a")) == 2)
        #expect(tokens.map(registry.verdict(for:)) == [.expired, .valid, .expired])
        #expect(registry.expire(.all) == 1)
        #expect(tokens.map(registry.verdict(for:)) == [.expired, .expired, .expired])
    }

    @Test func revoke_ByToken_ByClient_AndAll_CountingOnlyTokensNotRevokedBefore() {
        let (registry, _, tokens) = Self.make(["a", "b", "a", "c"])

        #expect(registry.revoke(.token(tokens[1])) == 1)
        #expect(registry.revoke(.clientID("a")) == 2)
        #expect(tokens.map(registry.verdict(for:)) == [.revoked, .revoked, .revoked, .valid])
        #expect(registry.revoke(.all) == 1)
        #expect(registry.revoke(.all) == 0)
    }

    @Test func revocation_WinsOverExpiry_AndExpiredTokensCanBeRevoked() {
        let (registry, clock, tokens) = Self.make(["a", "a"])
        registry.revoke(.token(tokens[0]))
        clock.advance(seconds: 3600)

        #expect(registry.verdict(for: tokens[0]) == .revoked)
        #expect(registry.verdict(for: tokens[1]) == .expired)
        #expect(registry.revoke(.token(tokens[1])) == 1)
        #expect(registry.verdict(for: tokens[1]) == .revoked)
        #expect(registry.expire(.all) == 0, "nothing valid is left to expire")
    }

    @Test func fingerprint_SelectsTheTokenTheListingNames() throws {
        let (registry, _, tokens) = Self.make(["a", "a"])
        let listed = registry.list()

        #expect(listed.map(\.fingerprint) == tokens.map(TokenRegistry.fingerprint(of:)))
        #expect(registry.expire(.fingerprint(try #require(listed.last).fingerprint.uppercased())) == 1)
        #expect(tokens.map(registry.verdict(for:)) == [.valid, .expired])
    }

    @Test func list_ShowsClientStateAndTimes_OldestFirst_NeverTheToken() {
        let (registry, clock, tokens) = Self.make(["a", "b", "c"])
        clock.advance(seconds: 100)
        registry.revoke(.clientID("b"))
        registry.expire(.clientID("c"))

        let listed = registry.list()

        #expect(listed.map(\.clientID) == ["a", "b", "c"])
        #expect(listed.map(\.verdict) == [.valid, .revoked, .expired])
        #expect(listed.map(\.issuedSecondsAgo) == [100, 100, 100])
        #expect(listed.map(\.expiresInSeconds) == [3500, 3500, 0])
        #expect(listed.allSatisfy { $0.fingerprint.hasPrefix("sha256:") && $0.fingerprint.count == 19 })
        let shown = "\(listed)"
        #expect(tokens.allSatisfy { !shown.contains($0) && !shown.contains($0.dropFirst(8)) })
    }

    @Test func tokens_AreForgottenAnHourAfterExpiry_OnTheNextIssue() {
        let (registry, clock, tokens) = Self.make(["a"])
        clock.advance(seconds: 3600 + 3599)
        _ = registry.issue(clientID: "a", lifetime: .seconds(60))
        #expect(registry.verdict(for: tokens[0]) == .expired)

        clock.advance(seconds: 1)
        _ = registry.issue(clientID: "a", lifetime: .seconds(60))
        #expect(registry.verdict(for: tokens[0]) == .unknown)
    }

    @Test func revokeAll_ForgetsTokens_SoTheyAreUnknownRatherThanRevoked() {
        let (registry, _, tokens) = Self.make(["a"])
        registry.revokeAll()
        #expect(registry.verdict(for: tokens[0]) == .unknown)
        #expect(registry.list().isEmpty)
    }
}
