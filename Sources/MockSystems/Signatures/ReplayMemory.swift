// The signed deliveries a mock has accepted recently, to refuse a byte-identical resend. Pure: `now` is passed in.

/// Remembers accepted deliveries until their timestamps fall out of the tolerance window (after which a resend is
/// refused as stale anyway). Bounded: at `capacity` the earliest remembered delivery is forgotten first, and counted.
struct ReplayMemory: Sendable {
    /// Deliveries remembered at most; past it the earliest are forgotten (a resend of one would then be accepted)
    /// and counted in `forgotten`.
    let capacity: Int
    /// Deliveries forgotten to stay within `capacity` before their window closed.
    private(set) var forgotten = 0
    private var expiries: [String: Int] = [:]
    /// Keys in the order they were admitted; entries whose key already left `expiries` are skipped.
    private var order: [String] = []
    private var head = 0

    /// Default `capacity`: at 100 deliveries a second inside a 300 s window, about a third of them.
    static let defaultCapacity = 10_000

    init(capacity: Int = Self.defaultCapacity) {
        self.capacity = max(1, capacity)
    }

    /// Deliveries remembered now.
    var count: Int { expiries.count }

    /// Records `key` as accepted until `expiry` (Unix seconds) and returns true, or returns false when `key` was
    /// already accepted and its window is still open at `now`.
    mutating func admit(_ key: String, expiry: Int, now: Int) -> Bool {
        if let open = expiries[key], open >= now { return false }
        if expiries.count >= capacity { forgetExpired(now: now) }
        while expiries.count >= capacity, head < order.count {
            if expiries.removeValue(forKey: order[head]) != nil { forgotten += 1 }
            head += 1
        }
        expiries[key] = expiry
        order.append(key)
        compact()
        return true
    }

    private mutating func forgetExpired(now: Int) {
        expiries = expiries.filter { $0.value >= now }
    }

    /// Drops the consumed front of `order`, keys no longer remembered and all but the latest admission of a key
    /// admitted again after its window closed, once `order` is twice `capacity`: it stays bounded.
    private mutating func compact() {
        guard order.count > 2 * capacity else { return }
        var seen = Set<String>()
        order = order[head...].reversed().filter { expiries[$0] != nil && seen.insert($0).inserted }.reversed()
        head = 0
    }
}
