// The one place a `Duration` becomes a plain number: nanoseconds for the event loop, seconds and milliseconds for
// messages, report fields and factors.

extension Duration {
    /// The duration in whole nanoseconds, clamped to zero for negative values and saturating at `UInt64.max`.
    public var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, seconds > 0 || attoseconds > 0 else { return 0 }
        let (fromSeconds, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let (total, carry) = fromSeconds.addingReportingOverflow(UInt64(attoseconds / 1_000_000_000))
        return overflow || carry ? .max : total
    }

    /// The duration in seconds (`2.5` for 2.5 s), for messages and arithmetic with factors.
    public var inSeconds: Double { signedNanoseconds / 1e9 }

    /// The duration in milliseconds (`2500` for 2.5 s), for fields that are stored in milliseconds.
    public var inMilliseconds: Double { signedNanoseconds / 1e6 }

    /// Whole nanoseconds, negative ones too; one division of this exact count keeps `.milliseconds(1400)` at exactly
    /// `1.4` seconds (adding the seconds and the fraction separately can land one bit off).
    private var signedNanoseconds: Double {
        let (seconds, attoseconds) = components
        let (fromSeconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, carry) = fromSeconds.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflow || carry ? Double(seconds) * 1e9 + Double(attoseconds) / 1e9 : Double(total)
    }

    /// `seconds` rounded to whole milliseconds, so that a decimal such as `1.4` is exactly 1,400 ms (`.seconds(1.4)` is
    /// off by attoseconds). `seconds` must be finite.
    public static func seconds(roundedToMilliseconds seconds: Double) -> Duration {
        .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// The duration multiplied by `factor` (a timeout scale), as precise as a `Double` of seconds.
    public func scaled(by factor: Double) -> Duration { .seconds(inSeconds * factor) }
}
