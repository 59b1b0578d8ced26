// HMAC-SHA256 (RFC 2104): how webhook requests are signed and signatures checked.

/// Keyed message authentication with SHA-256.
public enum HMAC {
    /// HMAC-SHA256 of `message` under `key` (32 bytes). Keys longer than a block are hashed first, as RFC 2104 says.
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var blockKey = key.count > SHA256.blockByteCount ? SHA256.hash(key) : key
        blockKey.append(contentsOf: [UInt8](repeating: 0, count: SHA256.blockByteCount - blockKey.count))
        var inner = SHA256()
        inner.update(blockKey.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(blockKey.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }
}
