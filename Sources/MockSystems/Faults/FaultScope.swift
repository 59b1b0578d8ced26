// Which of the matching requests a rule acts on, and how long it waits first.

/// Which matching requests a rule acts on. Positions are 1-based among the requests the rule's match applied to.
public enum FaultScope: Sendable, Equatable {
    /// Every matching request.
    case every
    /// The first `n` matching requests; then the rule is exhausted.
    case times(Int)
    /// Matching requests at positions `from` through `to` (`Int.max`: no end).
    case requests(from: Int, to: Int)
    /// Each matching request with this probability, drawn from the script's seeded generator.
    case probability(Double)
}

/// How long to wait before acting (or answering normally).
public enum FaultDelay: Sendable, Equatable {
    /// Exactly this many milliseconds.
    case fixed(milliseconds: Int)
    /// A uniformly drawn whole number of milliseconds in `min...max`, from the script's seeded generator.
    case uniform(minMilliseconds: Int, maxMilliseconds: Int)
}
