// How reports print milliseconds: for people (`12 ms`, `2.35 s`) and for JUnit (`0.012` seconds).
import Conformance
import Foundation

extension Double {
    /// A duration in milliseconds for people: `0.4 ms`, `12 ms`, `2.35 s`.
    public var durationText: String {
        if self >= 1000 { return String(format: "%.2f s", self / 1000) }
        if self < 10 { return String(format: "%.1f ms", self) }
        return String(format: "%.0f ms", self)
    }

    /// A time offset in milliseconds since the case started, to a tenth: `+12.3 ms`.
    var offsetText: String { String(format: "+%.1f ms", self) }

    /// Milliseconds as seconds with three decimals, for JUnit's `time` attributes (`0.012`).
    var junitSeconds: String { String(format: "%.3f", Swift.max(0, self) / 1000) }

    /// A ratio to two decimals with a `×`: `1.23×`.
    var ratioText: String { String(format: "%.2f×", self) }

    /// The number without a needless `.0`: `1`, `1.5`.
    var plainNumber: String { rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}

extension RoundTrip {
    /// `median 12 ms, p95 30 ms (7 requests)`, or `not measured`.
    public var text: String {
        samples == 0 ? "not measured"
            : "median \(medianMs.durationText), p95 \(p95Ms.durationText) (\(samples) requests)"
    }
}
