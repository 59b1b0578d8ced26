// Comparing request bodies with expectations: equality where numbers compare by value, and "contains" for objects.
import JSONModel

extension JSONValue {
    /// Equality in which `1` and `1.0` are the same number; objects compare without key order.
    public func sameValue(as other: JSONValue) -> Bool {
        switch (self, other) {
        case let (.array(left), .array(right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.sameValue(as: $1) }
        case let (.object(left), .object(right)):
            return left.count == right.count && left.allSatisfy { entry in right[entry.key].map { entry.value.sameValue(as: $0) } ?? false }
        case (.int, .double), (.double, .int), (.double, .double):
            return doubleValue == other.doubleValue
        default:
            return self == other
        }
    }

    /// Whether this value holds `subset`: for objects, every key of `subset` is present with a value that holds
    /// the subset's value (recursively); everything else, arrays included, must be the same value.
    public func contains(subset: JSONValue) -> Bool {
        guard case let .object(expected) = subset else { return sameValue(as: subset) }
        guard case let .object(actual) = self else { return false }
        return expected.allSatisfy { entry in actual[entry.key].map { $0.contains(subset: entry.value) } ?? false }
    }
}
