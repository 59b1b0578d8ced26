// What a server connection decides after each event: keep-alive or close, half-close, drain, readiness, TLS sniffing.
import Testing
@testable import HTTPWire

@Suite struct ConnectionStateMachineTests {
    // MARK: Keep-alive or close

    @Test func keepAliveRequest_Answered_GoesBackToReadingWithTheIdleClock() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        check(machine.receiveRequest(now: clock.advance(10)), is: 1)
        #expect(machine.phase == .handling)
        #expect(!machine.closesAfterAnswer(inputPending: false, serverDraining: false))
        #expect(!machine.announcesKeepAlive(closing: false))  // HTTP/1.1 keeps the connection without saying so
        check(machine.answer(queuedAt: clock.advance(5), drainedAt: clock.advance(5)), is: .parse)
        #expect(machine.phase == .idle)
        #expect(machine.deadline == 1020 + 300)
        check(machine.receiveRequest(now: clock.advance(50)), is: 2)
    }

    @Test func connectionClose_Answered_LingersThenCloses() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(keepAlive: false, now: clock.advance(10))
        #expect(machine.closesAfterAnswer(inputPending: false, serverDraining: false))
        #expect(machine.closesAfterAnswer(inputPending: true, serverDraining: false))  // even with a pipelined request behind
        check(machine.answer(queuedAt: clock.advance(1), drainedAt: clock.advance(1)), is: .lingerThenClose)
        #expect(machine.phase == .lingering)
        check(machine.bytesRead(now: clock.advance(1)), is: .drop)  // drained, never parsed
        check(machine.peerHalfClosed(), is: .close)
    }

    @Test func http10_ClosesByDefault_KeepsAliveOnlyWhenAsked_AndSaysSo() {
        var clock = FakeClock()
        var plain = ConnectionStateMachine.make(now: clock.now)
        plain.receiveRequest(keepAlive: false, isHTTP10: true, now: clock.advance(1))
        #expect(plain.closesAfterAnswer(inputPending: false, serverDraining: false))
        #expect(!plain.announcesKeepAlive(closing: true))

        var kept = ConnectionStateMachine.make(now: clock.now)
        kept.receiveRequest(keepAlive: true, isHTTP10: true, now: clock.advance(1))
        #expect(!kept.closesAfterAnswer(inputPending: false, serverDraining: false))
        #expect(kept.announcesKeepAlive(closing: false))
        #expect(!kept.announcesKeepAlive(closing: true))  // a drain or half-close ends it after all: no keep-alive said
        check(kept.answer(queuedAt: clock.advance(1), drainedAt: clock.advance(1)), is: .parse)
    }

    @Test func answer_FromAnEarlierOrRefusedRequest_IsNotTaken() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        #expect(!machine.takesAnswer(sequence: 0))  // nothing handed out yet
        let first = machine.receiveRequest(method: "HEAD", now: clock.advance(1))
        #expect(machine.requestMethod == "HEAD")
        #expect(machine.takesAnswer(sequence: first))
        _ = machine.answer(queuedAt: clock.advance(1), drainedAt: clock.advance(1))
        #expect(!machine.takesAnswer(sequence: first))  // answered: a second answer is ignored
        let second = machine.receiveRequest(now: clock.advance(1))
        #expect(!machine.takesAnswer(sequence: first))
        #expect(machine.takesAnswer(sequence: second))
        machine.answeringError()  // the connection answers an error of its own instead
        #expect(!machine.takesAnswer(sequence: second))
        #expect(machine.requestMethod == "GET")
    }

    // MARK: Half-close by the peer

    @Test func halfClose_WhileHandling_AnswersThenCloses() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))
        check(machine.peerHalfClosed(), is: .updateInterest)
        check(machine.interestChange(buffered: 0, outputPending: false, tlsWantsWrite: false), is: [])  // nothing more to read
        #expect(machine.closesAfterAnswer(inputPending: false, serverDraining: false))
        #expect(machine.announcesKeepAlive(closing: true) == false)
        // The peer has closed already: no lingering, close at once.
        check(machine.answer(queuedAt: clock.advance(1), drainedAt: clock.advance(1)), is: .close)
    }

    @Test func halfClose_WithPipelinedRequestsBuffered_AnswersEachThenCloses() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))  // two more requests sit in the buffer behind it
        check(machine.peerHalfClosed(), is: .updateInterest)
        #expect(!machine.closesAfterAnswer(inputPending: true, serverDraining: false))
        check(machine.answer(inputPending: true, queuedAt: clock.advance(1), drainedAt: clock.advance(1)), is: .parse)
        _ = machine.requestParsed(method: "GET", keepAlive: true, isHTTP10: false, now: clock.now)
        check(machine.answer(inputPending: true, queuedAt: clock.advance(1), drainedAt: clock.advance(1)), is: .parse)
        _ = machine.requestParsed(method: "GET", keepAlive: true, isHTTP10: false, now: clock.now)
        check(machine.answer(inputPending: false, queuedAt: clock.advance(1), drainedAt: clock.advance(1)), is: .close)
    }

    @Test func halfClose_AnAnswerDecidedBeforeIt_ClosesOnceWritten() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))
        machine.answerQueued(.carryOn, now: clock.advance(1))  // the peer is slow to take it
        check(machine.peerHalfClosed(), is: .updateInterest)
        check(machine.writeDrained(inputPending: false, now: clock.advance(1)), is: .close)
    }

    @Test func halfClose_WithNothingInHand_ClosesAtOnce() {
        var clock = FakeClock()
        var idle = ConnectionStateMachine.make(now: clock.now)
        check(idle.peerHalfClosed(), is: .close)
        var reading = ConnectionStateMachine.make(now: clock.now)
        _ = reading.bytesRead(now: clock.advance(1))
        check(reading.peerHalfClosed(), is: .close)
        var stalled = ConnectionStateMachine.make(now: clock.now)
        stalled.receiveRequest(now: clock.advance(1))
        stalled.answerQueued(.stall, now: clock.advance(1))
        check(stalled.writeDrained(inputPending: false, now: clock.advance(1)), is: .rearm)
        check(stalled.peerHalfClosed(), is: .close)
    }

    @Test func closeFault_AfterThePeerHalfClosed_ClosesWithoutLingering() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))
        check(machine.closeRequested(now: clock.advance(1)), is: .lingerThenClose)  // the peer still sends: drain it
        var halfClosed = ConnectionStateMachine.make(now: clock.now)
        halfClosed.receiveRequest(now: clock.advance(1))
        _ = halfClosed.peerHalfClosed()
        check(halfClosed.closeRequested(now: clock.advance(1)), is: .close)
    }

    // MARK: Drain (server shutdown)

    @Test func drain_WhileIdle_ClosesAtOnce_UnlessBytesAreBuffered() {
        var clock = FakeClock()
        var idle = ConnectionStateMachine.make(now: clock.now)
        check(idle.drainRequested(inputPending: false), is: .close)
        var buffered = ConnectionStateMachine.make(now: clock.now)
        check(buffered.drainRequested(inputPending: true), is: .nothing)
        var reading = ConnectionStateMachine.make(now: clock.now)
        _ = reading.bytesRead(now: clock.advance(1))
        check(reading.drainRequested(inputPending: true), is: .nothing)  // the request under way is answered first
    }

    @Test func drain_WhileHandling_AnswersThenLingersAndCloses() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))
        check(machine.drainRequested(inputPending: false), is: .nothing)
        #expect(machine.closesAfterAnswer(inputPending: true, serverDraining: false))
        check(machine.answer(queuedAt: clock.advance(1), drainedAt: clock.advance(1)), is: .lingerThenClose)
    }

    @Test func drain_AfterAKeepAliveAnswerWasDecided_ClosesOnceWritten_OrAnswersWhatIsBuffered() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))
        machine.answerQueued(.carryOn, now: clock.advance(1))
        check(machine.drainRequested(inputPending: false), is: .nothing)
        check(machine.writeDrained(inputPending: false, now: clock.advance(1)), is: .lingerThenClose)

        var pipelined = ConnectionStateMachine.make(now: clock.now)
        pipelined.receiveRequest(now: clock.advance(1))
        pipelined.answerQueued(.carryOn, now: clock.advance(1))
        check(pipelined.drainRequested(inputPending: true), is: .nothing)
        check(pipelined.writeDrained(inputPending: true, now: clock.advance(1)), is: .parse)
        _ = pipelined.requestParsed(method: "GET", keepAlive: true, isHTTP10: false, now: clock.now)
        #expect(pipelined.closesAfterAnswer(inputPending: false, serverDraining: false))
    }

    @Test func drain_OfAStalledOrHandshakingConnection_ClosesAtOnce_OfALingeringOneLetsItLinger() {
        var clock = FakeClock()
        var stalled = ConnectionStateMachine.make(now: clock.now)
        stalled.receiveRequest(now: clock.advance(1))
        stalled.answerQueued(.stall, now: clock.advance(1))
        _ = stalled.writeDrained(inputPending: false, now: clock.advance(1))
        check(stalled.drainRequested(inputPending: false), is: .close)
        var handshaking = ConnectionStateMachine.make(tls: true, now: clock.now)
        check(handshaking.drainRequested(inputPending: false), is: .close)
        var lingering = ConnectionStateMachine.make(now: clock.now)
        lingering.receiveRequest(keepAlive: false, now: clock.advance(1))
        _ = lingering.answer(queuedAt: clock.advance(1), drainedAt: clock.advance(1))
        check(lingering.drainRequested(inputPending: false), is: .nothing)
    }

    @Test func serverDraining_EndsTheConnectionAfterThisAnswer() {
        var machine = ConnectionStateMachine.make(now: 0)
        machine.receiveRequest(now: 1)
        #expect(machine.closesAfterAnswer(inputPending: true, serverDraining: true))
    }

    // MARK: Readiness

    @Test func interest_FollowsThePhase_AndReportsOnlyChanges() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        #expect(machine.interest == .read)
        check(machine.interestChange(buffered: 0, outputPending: false, tlsWantsWrite: false), is: nil)  // registered so
        machine.receiveRequest(now: clock.advance(1))
        // Handling: pipelined bytes are still read, up to a head's worth.
        check(machine.interestChange(buffered: 63, outputPending: false, tlsWantsWrite: false), is: nil)
        check(machine.interestChange(buffered: 64, outputPending: false, tlsWantsWrite: false), is: [])
        machine.answerQueued(.carryOn, now: clock.advance(1))
        check(machine.interestChange(buffered: 64, outputPending: true, tlsWantsWrite: false), is: .write)
        check(machine.interestChange(buffered: 0, outputPending: true, tlsWantsWrite: false), is: [.read, .write])
        check(machine.writeDrained(inputPending: false, now: clock.advance(1)), is: .parse)
        check(machine.interestChange(buffered: 0, outputPending: false, tlsWantsWrite: true), is: nil)  // a TLS read
        check(machine.interestChange(buffered: 0, outputPending: false, tlsWantsWrite: false), is: .read)
        #expect(machine.interest == .read)
    }

    @Test func interest_LingeringOrStalled_KeepsReadingWhateverIsBuffered() {
        var clock = FakeClock()
        var stalled = ConnectionStateMachine.make(now: clock.now)
        stalled.receiveRequest(now: clock.advance(1))
        check(stalled.interestChange(buffered: 100, outputPending: false, tlsWantsWrite: false), is: [])
        stalled.answerQueued(.stall, now: clock.advance(1))
        _ = stalled.writeDrained(inputPending: true, now: clock.advance(1))
        check(stalled.interestChange(buffered: 100, outputPending: false, tlsWantsWrite: false), is: .read)
        check(stalled.bytesRead(now: clock.advance(1)), is: .drop)

        var lingering = ConnectionStateMachine.make(now: clock.now)
        lingering.receiveRequest(now: clock.advance(1))
        check(lingering.interestChange(buffered: 100, outputPending: false, tlsWantsWrite: false), is: [])
        check(lingering.closeRequested(now: clock.advance(1)), is: .lingerThenClose)
        check(lingering.interestChange(buffered: 100, outputPending: false, tlsWantsWrite: false), is: .read)
    }

    @Test func interest_WhileHandshaking_IsWhatTLSWaitsFor() {
        var machine = ConnectionStateMachine.make(tls: true, now: 0)
        check(machine.interestChange(buffered: 0, outputPending: true, tlsWantsWrite: true), is: .write)
        check(machine.interestChange(buffered: 100, outputPending: false, tlsWantsWrite: false), is: .read)
    }

    @Test func closed_DecidesNothingMore() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(now: clock.now)
        machine.receiveRequest(now: clock.advance(1))
        let sequence = machine.sequence
        check(machine.close(), is: true)
        check(machine.close(), is: false)  // once only
        #expect(machine.isClosed)
        #expect(machine.deadline == nil)
        #expect(machine.deadlinePassed(now: .max) == ConnectionStateMachine.Action.nothing)
        check(machine.interestChange(buffered: 0, outputPending: true, tlsWantsWrite: false), is: nil)
        check(machine.closeRequested(now: clock.advance(1)), is: ConnectionStateMachine.Action.nothing)
        #expect(!machine.takesAnswer(sequence: sequence))
        check(machine.bytesRead(now: clock.advance(1)), is: .drop)
    }

    // MARK: TLS

    @Test func tls_FirstByte_PlainHTTPIsRefused_AHandshakeRecordOrAnythingElseGoesOn() {
        for (byte, action) in [(UInt8(0x16), ConnectionStateMachine.Action.nothing), (UInt8(ascii: "G"), .refusePlainHTTP),
                               (UInt8(ascii: "P"), .refusePlainHTTP), (UInt8(ascii: "g"), .nothing), (UInt8(0x80), .nothing)] {
            var machine = ConnectionStateMachine.make(tls: true, now: 0)
            #expect(machine.awaitsFirstByte)
            let decided = machine.firstByte(byte)
            #expect(decided == action, "\(byte)")
            #expect(!machine.awaitsFirstByte)
        }
        #expect(!ConnectionStateMachine.make(tls: false, now: 0).awaitsFirstByte)
    }

    @Test func tls_RefusedPlainHTTP_IsAnsweredThenTheConnectionLingers() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(tls: true, now: clock.now)
        check(machine.firstByte(UInt8(ascii: "G")), is: .refusePlainHTTP)
        machine.answeringError()
        machine.answerQueued(.close, now: clock.advance(1))
        #expect(!machine.isHandshaking)
        check(machine.writeDrained(inputPending: false, now: clock.advance(1)), is: .lingerThenClose)
    }

    @Test func tls_HandshakeFinished_ServesLikeAPlainConnection() {
        var clock = FakeClock()
        var machine = ConnectionStateMachine.make(tls: true, now: clock.now)
        #expect(machine.isHandshaking)
        check(machine.handshakeFinished(now: clock.advance(40)), is: .rearm)
        #expect(machine.phase == .idle)
        #expect(machine.deadline == 1040 + 300)
        check(machine.receiveRequest(now: clock.advance(1)), is: 1)
    }
}
