// Pool bookkeeping with a fake clock: reuse order, idle expiry, per-host limits, closing; and the reuse decision.
import Testing
@testable import HTTPWire

struct HTTPClientConnectionPoolTests {
    private let keyA = ConnectionPoolKey(host: "a", port: 80)
    private let keyB = ConnectionPoolKey(host: "b", port: 80)
    private static let second: UInt64 = 1_000_000_000

    private func makePool(idleSeconds: UInt64 = 5, maxIdle: Int = 32) -> ConnectionPool<Int> {
        ConnectionPool(idleTimeoutNanos: idleSeconds * Self.second, maxIdlePerKey: maxIdle)
    }

    @Test func checkout_ReturnsNothing_WhenEmpty() {
        var pool = makePool()
        let taken = pool.checkout(keyA, now: 0)
        #expect(taken.connection == nil && taken.expired.isEmpty)
    }

    @Test func checkout_ReusesTheMostRecentlyReturnedConnection_OfItsOwnKey() {
        var pool = makePool()
        #expect(pool.checkin(1, key: keyA, now: 10).isEmpty)
        #expect(pool.checkin(2, key: keyA, now: 20).isEmpty)
        #expect(pool.checkin(3, key: keyB, now: 30).isEmpty)
        #expect(pool.checkout(keyA, now: 40).connection == 2)
        #expect(pool.checkout(keyA, now: 40).connection == 1)
        #expect(pool.checkout(keyA, now: 40).connection == nil)
        #expect(pool.idleCount == 1)
    }

    @Test func checkout_ClosesConnectionsIdleLongerThanTheTimeout() {
        var pool = makePool(idleSeconds: 5)
        _ = pool.checkin(1, key: keyA, now: 0)
        _ = pool.checkin(2, key: keyB, now: 0)
        let atLimit = pool.checkout(keyA, now: 5 * Self.second)
        #expect(atLimit.connection == 1 && atLimit.expired.isEmpty)
        let past = pool.checkout(keyA, now: 5 * Self.second + 1)
        #expect(past.connection == nil)
        #expect(past.expired == [2])
        #expect(pool.idleCount == 0)
    }

    @Test func checkin_ClosesTheLongestIdle_WhenTheHostIsFull() {
        var pool = makePool(maxIdle: 2)
        _ = pool.checkin(1, key: keyA, now: 1)
        _ = pool.checkin(2, key: keyA, now: 2)
        #expect(pool.checkin(3, key: keyA, now: 3) == [1])
        #expect(pool.checkin(4, key: keyB, now: 4).isEmpty)
        #expect(pool.idleCount == 3)
    }

    @Test func checkin_KeepsNothing_WhenReuseIsDisabled() {
        var noIdle = makePool(maxIdle: 0)
        #expect(noIdle.checkin(1, key: keyA, now: 0) == [1])
        var noTime = makePool(idleSeconds: 0)
        #expect(noTime.checkin(1, key: keyA, now: 0) == [1])
    }

    @Test func close_HandsBackEveryIdleConnection_AndRefusesLaterOnes() {
        var pool = makePool()
        _ = pool.checkin(1, key: keyA, now: 0)
        _ = pool.checkin(2, key: keyB, now: 0)
        #expect(Set(pool.close()) == [1, 2])
        #expect(pool.isClosed)
        #expect(pool.checkin(3, key: keyA, now: 1) == [3])
        #expect(pool.checkout(keyA, now: 1).connection == nil)
    }

    @Test(arguments: [(true, true, false, true), (false, true, false, false), (true, false, false, false), (true, true, true, false)])
    func reuse_RequiresServerRequestAndCompleteSend(serverAllows: Bool, fullySent: Bool, asksToClose: Bool, expected: Bool) {
        #expect(ConnectionReuse.allowed(serverAllowsReuse: serverAllows, requestFullySent: fullySent, requestAsksToClose: asksToClose) == expected)
    }
}
