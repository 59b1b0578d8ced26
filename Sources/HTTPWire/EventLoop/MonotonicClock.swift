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
}

extension Duration {
    /// The duration in whole nanoseconds, clamped to zero for negative values.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else { return 0 }
        let total = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
        return total >= Double(UInt64.max) ? UInt64.max : UInt64(max(0, total))
    }
}
