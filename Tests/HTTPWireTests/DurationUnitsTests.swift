// The one conversion between Duration and plain numbers: nanoseconds for the loop, seconds and milliseconds for text.
import Testing
@testable import HTTPWire

@Suite struct DurationUnitsTests {
    @Test func nanoseconds_AreExact_ClampedAtZero_AndSaturate() {
        #expect(Duration.milliseconds(1400).nanoseconds == 1_400_000_000)
        #expect(Duration.nanoseconds(1).nanoseconds == 1)
        #expect(Duration.zero.nanoseconds == 0)
        #expect((Duration.zero - .seconds(3)).nanoseconds == 0, "a negative span is no time at all")
        #expect(Duration.seconds(Int64.max).nanoseconds == .max, "too long to count saturates instead of wrapping")
    }

    @Test func secondsAndMilliseconds_DivideOneExactCount() {
        #expect(Duration.milliseconds(1400).inSeconds == 1.4)
        #expect(Duration.milliseconds(100).inSeconds == 0.1)
        #expect(Duration.microseconds(2500).inMilliseconds == 2.5)
        #expect((Duration.zero - .milliseconds(250)).inMilliseconds == -250)
    }

    @Test func secondsRoundedToMilliseconds_IsTheDecimalTheUserWrote() {
        #expect(Duration.seconds(roundedToMilliseconds: 0.1) == .milliseconds(100))
        #expect(Duration.seconds(roundedToMilliseconds: 2.5) == .milliseconds(2500))
        #expect(Duration.seconds(roundedToMilliseconds: 0.0004) == .zero)
        #expect(Duration.seconds(roundedToMilliseconds: 1.4) == .milliseconds(1400))
        #expect(Duration.seconds(roundedToMilliseconds: 1.4) != .seconds(1.4), "the standard initialiser is off by attoseconds")
    }

    @Test func scaled_MultipliesByTheFactor() {
        #expect(Duration.seconds(2).scaled(by: 1.5).inSeconds == 3)
        #expect(Duration.milliseconds(300).scaled(by: 1).inMilliseconds == 300)
    }

    @Test func clock_DeadlineAndElapsedAreInverse() {
        let start: UInt64 = 5_000_000_000
        let deadline = MonotonicClock.deadline(.milliseconds(750), after: start)
        #expect(deadline == start + 750_000_000)
        #expect(MonotonicClock.elapsed(since: start, at: deadline) == .milliseconds(750))
        #expect(MonotonicClock.elapsed(since: deadline, at: start) == .zero - .milliseconds(750))
        #expect(MonotonicClock.deadline(.seconds(1), after: .max - 1) == .max, "a deadline past the clock's end is never")
    }
}
