// The memory of accepted deliveries: a resend inside its window is refused, after it accepted; bounded and counted.
import Testing
@testable import MockSystems

@Suite struct ReplayMemoryTests {
    @Test func admit_RefusesTheSameKeyUntilItsWindowCloses() {
        var memory = ReplayMemory()
        let admitted = [
            memory.admit("msg_1", expiry: 1_300, now: 1_000),
            memory.admit("msg_1", expiry: 1_300, now: 1_000),
            memory.admit("msg_1", expiry: 1_300, now: 1_300),
            memory.admit("msg_2", expiry: 1_300, now: 1_001),
            memory.admit("msg_1", expiry: 1_600, now: 1_301),
        ]
        #expect(admitted == [true, false, false, true, true])
        #expect(memory.count == 2)
    }

    @Test func admit_AtCapacity_ForgetsExpiredKeysFirst_ThenTheEarliest_AndCountsThose() {
        var memory = ReplayMemory(capacity: 3)
        let filling = [memory.admit("a", expiry: 10, now: 0), memory.admit("b", expiry: 100, now: 0), memory.admit("c", expiry: 100, now: 0)]
        let afterExpiry = memory.admit("d", expiry: 100, now: 50)  // "a" had expired: dropped, not counted
        let forgottenThen = memory.forgotten, countThen = memory.count
        let full = memory.admit("e", expiry: 100, now: 50)  // nothing expired: "b", the earliest, goes
        let forgottenNow = memory.forgotten
        let again = [memory.admit("b", expiry: 100, now: 50), memory.admit("e", expiry: 100, now: 50)]

        #expect(filling == [true, true, true] && afterExpiry && full)
        #expect(forgottenThen == 0 && countThen == 3)
        #expect(forgottenNow == 1 && memory.count == 3)
        #expect(again == [true, false])
    }

    @Test func admit_StaysBounded_UnderAStreamOfKeysAndReadmissions() {
        var memory = ReplayMemory(capacity: 100)
        var refused = 0
        for second in 0..<10_000 where !memory.admit("k\(second % 150)", expiry: second + 20, now: second) { refused += 1 }
        #expect(refused == 0)
        #expect(memory.count <= 100)
    }
}
