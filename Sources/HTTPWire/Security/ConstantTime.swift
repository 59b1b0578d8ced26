// Comparing secrets and signatures without leaking, through timing, how many leading bytes were right.

/// `true` when `a` and `b` hold the same bytes. The time taken depends only on the lengths, not on where the
/// first difference is, so a caller probing tokens or signatures learns nothing from timing. Lengths are not secret.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
}
