// The chunked transfer coding (RFC 9112 §7.1), decoded incrementally; trailers are read and ignored.

/// Decodes a chunked body from a `ByteBuffer`, appending data to `body`. Pure: no I/O.
struct ChunkedDecoder {
    enum State: Equatable {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailers(bytesSeen: Int)
        case done
    }

    private(set) var state = State.size
    /// How many bytes of the current line earlier calls found without its LF; relative to the line's start (the owner
    /// may compact), so that a line arriving a byte per read is scanned once, not once per read.
    private var lineScanned = 0
    /// Largest decoded body; beyond it `decode` throws 413.
    let maxBodyBytes: Int
    /// Largest chunk-size line (with extensions) or trailer section.
    let maxLineBytes: Int

    init(maxBodyBytes: Int, maxLineBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
        self.maxLineBytes = maxLineBytes
    }

    /// Consumes what it can; returns `true` once the last chunk and trailers are in.
    mutating func decode(_ buffer: inout ByteBuffer, into body: inout [UInt8]) throws(HTTPParseError) -> Bool {
        while true {
            switch state {
            case .done:
                return true
            case .size:
                guard let line = try takeLine(&buffer, what: "chunk size line") else { return false }
                let size = try Self.chunkSize(line)
                guard body.count + size <= maxBodyBytes else { throw HTTPParseError(413, "chunked body exceeds \(maxBodyBytes) bytes") }
                state = size == 0 ? .trailers(bytesSeen: 0) : .data(remaining: size)
            case let .data(remaining):
                let available = min(remaining, buffer.readableCount)
                guard available > 0 else { return false }
                body.append(contentsOf: buffer.bytes[buffer.readerIndex..<buffer.readerIndex + available])
                buffer.readerIndex += available
                state = remaining == available ? .dataEnd : .data(remaining: remaining - available)
            case .dataEnd:
                guard buffer.readableCount >= 2 else { return false }
                guard buffer.bytes[buffer.readerIndex] == HeadScanner.cr, buffer.bytes[buffer.readerIndex + 1] == HeadScanner.lf else {
                    throw HTTPParseError(400, "chunk data is not followed by CRLF")
                }
                buffer.readerIndex += 2
                state = .size
            case let .trailers(seen):
                guard let line = try takeLine(&buffer, what: "trailer section", alreadySeen: seen) else { return false }
                state = line.isEmpty ? .done : .trailers(bytesSeen: seen + line.count + 2)
            }
        }
    }

    /// Takes one CRLF-terminated line (without the CRLF), or nil when it is not all here yet. A control byte in it (a
    /// lone CR above all) is refused, so no other parser can read a different chunk boundary or trailer end out of it.
    private mutating func takeLine(_ buffer: inout ByteBuffer, what: String, alreadySeen: Int = 0) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        let start = buffer.readerIndex
        guard let lf = buffer.bytes[(start + lineScanned)...].firstIndex(of: HeadScanner.lf) else {
            if buffer.readableCount + alreadySeen > maxLineBytes { throw HTTPParseError(400, "\(what) longer than \(maxLineBytes) bytes") }
            lineScanned = buffer.readableCount
            return nil
        }
        lineScanned = 0
        guard lf > start, buffer.bytes[lf - 1] == HeadScanner.cr else { throw HTTPParseError(400, "\(what) ends in a bare LF") }
        if lf - start + alreadySeen > maxLineBytes { throw HTTPParseError(400, "\(what) longer than \(maxLineBytes) bytes") }
        let line = buffer.bytes[start..<(lf - 1)]
        if let bad = line.first(where: { !HeadScanner.isFieldValueByte($0) }) {
            throw HTTPParseError(400, "\(what) contains a control character (byte 0x\(HeadScanner.hex(bad)))")
        }
        buffer.readerIndex = lf + 1
        return line
    }

    /// Parses `1*HEXDIG [ chunk-ext ]`; extensions are checked for shape, then ignored.
    static func chunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0, digits = 0
        for (index, byte) in zip(line.indices, line) {
            let value: Int
            switch byte {
            case 0x30...0x39: value = Int(byte - 0x30)
            case 0x41...0x46: value = Int(byte - 0x41 + 10)
            case 0x61...0x66: value = Int(byte - 0x61 + 10)
            case UInt8(ascii: ";"), HeadScanner.space, HeadScanner.tab:
                guard digits > 0 else { throw HTTPParseError(400, "chunk size is missing") }
                try checkExtensions(line[index...])
                return size
            default:
                throw HTTPParseError(400, "chunk size contains a non-hex character (byte 0x\(HeadScanner.hex(byte)))")
            }
            digits += 1
            guard digits <= 15 else { throw HTTPParseError(400, "chunk size has too many digits") }
            size = size * 16 + value
        }
        guard digits > 0 else { throw HTTPParseError(400, "chunk size is missing") }
        return size
    }

    /// `*( BWS ";" ... )` (RFC 9112 §7.1.1): after optional whitespace comes `;` or nothing (`takeLine` has already
    /// refused control bytes).
    private static func checkExtensions(_ rest: ArraySlice<UInt8>) throws(HTTPParseError) {
        let start = rest.firstIndex { $0 != HeadScanner.space && $0 != HeadScanner.tab } ?? rest.endIndex
        guard start == rest.endIndex || rest[start] == UInt8(ascii: ";") else {
            throw HTTPParseError(400, "chunk extension must start with ';'")
        }
    }
}
