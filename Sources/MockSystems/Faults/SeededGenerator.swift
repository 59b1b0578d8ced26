// A small seeded random number generator (SplitMix64), so that the same seed gives the same faults on every run.

/// SplitMix64 (Steele, Lea, Flood 2014): 64-bit state, passes BigCrush, and is the same on every platform and
/// Swift version, unlike the standard library's generator.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    /// The seed used when none is given.
    public static let defaultSeed: UInt64 = 1

    private var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64 = SeededGenerator.defaultSeed) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in `0..<1` (53 random bits).
    public mutating func nextUnitInterval() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform value in `range` (defined here rather than by the standard library so that it never changes).
    public mutating func next(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        guard span != 0 else { return Int(truncatingIfNeeded: next()) }
        let (high, _) = next().multipliedFullWidth(by: span)
        return range.lowerBound + Int(high)
    }
}
