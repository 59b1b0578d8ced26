// Monotonic nanoseconds: what deadlines, timers and arrival stamps are measured in.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the system's monotonic clock (CLOCK_MONOTONIC), which never jumps with wall-clock changes.
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary, fixed point in the past (boot on Linux).
    public static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// `start` plus `nanoseconds`, saturating at `UInt64.max` (never) instead of wrapping around into the past.
    public static func deadline(_ nanoseconds: UInt64, after start: UInt64) -> UInt64 {
        let (sum, overflow) = start.addingReportingOverflow(nanoseconds)
        return overflow ? .max : sum
    }

    /// The instant `span` after `start` (a negative span counts as zero), saturating at `UInt64.max` (never).
    public static func deadline(_ span: Duration, after start: UInt64) -> UInt64 {
        deadline(span.nanoseconds, after: start)
    }

    /// The time from the instant `start` to the instant `end` (default: now); negative when `end` is earlier.
    public static func elapsed(since start: UInt64, at end: UInt64 = now()) -> Duration {
        end >= start ? .nanoseconds(Int64(clamping: end - start)) : .zero - .nanoseconds(Int64(clamping: start - end))
    }
}
