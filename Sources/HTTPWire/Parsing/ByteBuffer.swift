// Bytes received but not yet parsed: an array with a read position.

/// Inbound bytes: parsers consume from `readerIndex`; the owner appends at the end and compacts between messages.
struct ByteBuffer {
    var bytes: [UInt8] = []
    var readerIndex = 0

    init(_ bytes: [UInt8] = []) { self.bytes = bytes }

    var readableCount: Int { bytes.count - readerIndex }
    var isEmpty: Bool { readerIndex == bytes.count }

    mutating func append(_ chunk: UnsafeRawBufferPointer) { bytes.append(contentsOf: chunk) }
    mutating func append(_ chunk: [UInt8]) { bytes.append(contentsOf: chunk) }

    /// Drops consumed bytes once they are worth moving, keeping the allocation.
    mutating func compact() {
        if readerIndex == bytes.count {
            bytes.removeAll(keepingCapacity: true)
            readerIndex = 0
        } else if readerIndex > 4096 {
            bytes.removeFirst(readerIndex)
            readerIndex = 0
        }
    }
}
