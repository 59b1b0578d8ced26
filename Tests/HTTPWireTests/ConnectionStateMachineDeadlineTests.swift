// Every deadline of a server connection, to the nanosecond on a hand-moved clock; the write clock; 100-continue; dribbles.
import Testing
@testable import HTTPWire

@Suite struct ConnectionStateMachineDeadlineTests {
    // MARK: Each deadline, exactly at its timeout

    @Test func header_408_AtTheHeaderTimeoutFromTheFirstByte() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        check(machine.bytesRead(now: clock.advance(7)), is: .parse)
        machine.awaitingInput(bodyStarted: false, now: clock.now)
        check(machine.bytesRead(now: clock.advance(60)), is: .parse)  // more of the head: the clock does not restart
        machine.awaitingInput(bodyStarted: false, now: clock.now)
        expectDeadline(machine, at: 1007 + 100, then: .answer408(.readingHead))
    }

    @Test func body_408_AtTheBodyTimeoutFromTheEndOfTheHead() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        _ = machine.bytesRead(now: clock.advance(1))
        check(machine.headParsed(expectsContinue: false, now: clock.advance(9)), is: ConnectionStateMachine.Action.nothing)
        _ = machine.bytesRead(now: clock.advance(150))  // part of the body: the clock does not restart
        machine.awaitingInput(bodyStarted: true, now: clock.now)
        expectDeadline(machine, at: 1010 + 200, then: .answer408(.readingBody))
    }

    @Test func body_408_WhenTheHeadAndPartOfTheBodyCameInOneRead() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        _ = machine.bytesRead(now: clock.advance(3))
        machine.awaitingInput(bodyStarted: true, now: clock.now)  // no head event: the body is under way already
        expectDeadline(machine, at: 1003 + 200, then: .answer408(.readingBody))
    }

    @Test func idle_ClosesSilently_AtTheIdleTimeout_FromAcceptOrFromTheLastAnswer() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        expectDeadline(machine, at: 1000 + 300, then: .close)
        machine.receiveRequest(now: clock.advance(10))
        check(machine.answer(queuedAt: clock.advance(10), drainedAt: clock.advance(10)), is: .parse)
        expectDeadline(machine, at: 1030 + 300, then: .close)
        // The timer armed for the first idle deadline fires early and only re-arms.
        #expect(machine.deadlinePassed(now: 1300) == .armTimer)
    }

    @Test func write_StuckAtTheWriteTimeout_Closes() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))
        machine.answerQueued(.carryOn, now: clock.advance(4))
        expectDeadline(machine, at: 1005 + 400, then: .close)
    }

    @Test func write_Progress_RestartsTheWriteClock() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))
        machine.answerQueued(.carryOn, now: clock.advance(1))
        machine.writeProgressed(now: clock.advance(350))
        expectDeadline(machine, at: 1352 + 400, then: .close)
        machine.writeProgressed(now: clock.advance(399))
        expectDeadline(machine, at: 1751 + 400, then: .close)
    }

    @Test func stall_HoldsUntilTheStallTimeout_ThenCloses() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))
        machine.answerQueued(.stall, now: clock.advance(1))
        check(machine.writeDrained(inputPending: false, now: clock.advance(2)), is: .rearm)
        #expect(machine.phase == .stalled)
        expectDeadline(machine, at: 1004 + 500, then: .close)
    }

    @Test func linger_ClosesAtTheLingerTimeout() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(keepAlive: false, now: clock.advance(1))
        check(machine.answer(queuedAt: clock.advance(1), drainedAt: clock.advance(3)), is: .lingerThenClose)
        expectDeadline(machine, at: 1005 + 600, then: .close)
    }

    @Test func handshake_FailsAtTheHeaderTimeout() {
        var clock = FakeClock()
        let machine = ConnectionStateMachine.make(tls: true, now: clock.advance(2))
        expectDeadline(machine, at: 1002 + 100, then: .handshakeFailed)
    }

    @Test func handling_HasNoDeadline() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))
        #expect(machine.deadline == nil)
        #expect(machine.deadlinePassed(now: .max) == ConnectionStateMachine.Action.nothing)  // a mock may delay on purpose
    }

    @Test func pipelinedPartialHead_StartsTheHeaderClockWhenTheConnectionReadsAgain() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        let read = clock.advance(10)  // one read: a request, then half of the next one's head
        machine.receiveRequest(now: read)
        check(machine.answer(inputPending: true, queuedAt: clock.advance(40), drainedAt: clock.advance(10)), is: .parse)
        machine.awaitingInput(bodyStarted: false, now: read)  // the parse still holds the read's time
        #expect(machine.phase == .readingHead)
        expectDeadline(machine, at: 1060 + 100, then: .answer408(.readingHead))
    }

    // MARK: 100-continue

    @Test func continue_IsAnswered_AndTheBodyClockKeepsRunning() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        _ = machine.bytesRead(now: clock.advance(1))
        check(machine.headParsed(expectsContinue: true, now: clock.advance(1)), is: .sendContinue)
        machine.answerQueued(.interim, now: clock.advance(20))
        #expect(machine.phase == .readingBody)
        #expect(machine.acceptsInput)
        expectDeadline(machine, at: 1002 + 200, then: .answer408(.readingBody))
        check(machine.writeDrained(inputPending: false, now: clock.advance(5)), is: .updateInterest)
        expectDeadline(machine, at: 1002 + 200, then: .answer408(.readingBody))
        check(machine.receiveRequest(now: clock.advance(5)), is: 1)  // the body arrived in time
    }

    @Test func continue_AnAnswerQueuedBehindIt_DecidesWhatFollows() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        _ = machine.bytesRead(now: clock.advance(1))
        check(machine.headParsed(expectsContinue: true, now: clock.now), is: .sendContinue)
        machine.answerQueued(.interim, now: clock.now)  // not written yet when the body ends
        machine.receiveRequest(now: clock.advance(1))
        machine.answerQueued(.carryOn, now: clock.advance(1))
        #expect(machine.afterWrite == .carryOn)
        check(machine.writeDrained(inputPending: false, now: clock.advance(1)), is: .parse)
    }

    // MARK: Dribbled answers

    @Test func dribble_SendsChunksAtItsInterval_ThenCarriesOn() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))
        machine.dribbleStarted(Array(0..<10), chunkBytes: 4, pace: .every(50), closing: false)
        var chunks: [[UInt8]] = []
        while let (bytes, then) = machine.nextDribbleChunk() {
            chunks.append(Array(bytes))
            machine.answerQueued(then, now: clock.advance(1))
            let action = machine.writeDrained(inputPending: false, now: clock.advance(2))
            if then == .dribbleChunk {
                #expect(action == .sendNextChunk(at: clock.now + 50))
                expectDeadline(machine, at: clock.now + 400, then: .close)  // each chunk restarts the write clock
                clock.advance(50)
            } else {
                #expect(then == .carryOn)
                #expect(action == .parse)
            }
        }
        #expect(chunks == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
    }

    @Test func dribble_AsTheLastAnswer_EndsWithAClose() {
        var machine = ConnectionStateMachine.make(now: 0)
        machine.receiveRequest(keepAlive: false, now: 1)
        machine.dribbleStarted(Array(0..<3), chunkBytes: 2, pace: .every(5), closing: true)
        check(machine.nextDribbleChunk()?.then, is: .dribbleChunk)
        check(machine.nextDribbleChunk()?.then, is: .close)
        let after = machine.nextDribbleChunk()
        #expect(after == nil)
    }

    @Test func dribble_SpreadOverADuration_SpacesItsChunksEvenly() {
        for (count, chunkBytes, interval) in [(10, 4, UInt64(45)), (4, 4, 90), (3, 0, 45), (0, 1, 90)] {
            var machine = ConnectionStateMachine.make(now: 0)
            machine.receiveRequest(now: 0)
            machine.dribbleStarted([UInt8](repeating: 1, count: count), chunkBytes: chunkBytes, pace: .over(90), closing: false)
            machine.answerQueued(.dribbleChunk, now: 10)
            let action = machine.writeDrained(inputPending: false, now: 10)
            #expect(action == .sendNextChunk(at: 10 + interval), "\(count) bytes by \(chunkBytes)")
        }
    }

    @Test func dribble_SlowerThanTheWriteTimeout_IsCutOffBetweenChunks() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))
        machine.dribbleStarted(Array(0..<4), chunkBytes: 2, pace: .every(500), closing: false)
        let (_, then) = machine.nextDribbleChunk()!
        machine.answerQueued(then, now: clock.advance(1))
        check(machine.writeDrained(inputPending: false, now: clock.advance(1)), is: .sendNextChunk(at: 1003 + 500))
        expectDeadline(machine, at: 1003 + 400, then: .close)
    }

    // MARK: Faults that end the connection

    @Test func reset_AfterItsBytes_Resets() {
        var machine = ConnectionStateMachine.make(now: 0)
        machine.receiveRequest(now: 1)
        machine.answerQueued(.reset, now: 2)
        check(machine.writeDrained(inputPending: true, now: 3), is: .reset)
    }
}
