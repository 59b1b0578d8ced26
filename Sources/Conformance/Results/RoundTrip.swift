// The target's round trip as the setup probe measured it: what the network adds to every exchange.

/// Round trips of small requests to the target (`GET /v1/tools`, one page of one tool where the dialect has pages),
/// over a connection already open. Timing tolerances add `p95Ms`: a target far away, or busy, answers later by that
/// much without being wrong. The mocks run beside the suite, so the target reaches them over the same distance.
public struct RoundTrip: Sendable, Equatable {
    public var medianMs: Double
    public var p95Ms: Double
    public var samples: Int

    public init(medianMs: Double, p95Ms: Double, samples: Int) {
        self.medianMs = medianMs
        self.p95Ms = p95Ms
        self.samples = samples
    }

    /// No measurement (a run that made none).
    public static let none = RoundTrip(medianMs: 0, p95Ms: 0, samples: 0)

    /// The median and the 95th percentile (nearest rank) of `durationsMs`.
    init(durationsMs: [Double]) {
        let sorted = durationsMs.sorted()
        guard !sorted.isEmpty else { self = .none; return }
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up)) - 1
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        self.init(medianMs: median, p95Ms: sorted[max(0, min(rank, sorted.count - 1))], samples: sorted.count)
    }
}
