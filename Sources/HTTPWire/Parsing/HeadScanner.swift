// Shared by the request and response parsers: finding the end of a head, and parsing field lines (RFC 9112 §5).

enum HeadScanner {
    static let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, space: UInt8 = 0x20, tab: UInt8 = 0x09, colon: UInt8 = 0x3A

    /// Scans `bytes[start..<end]` for the empty line that ends a head. Returns the index just past it, or nil.
    /// `resumeAt` lets a caller continue where an earlier scan of the same head stopped.
    /// - Throws: 400 for a line feed without a carriage return before it (bare LF is not accepted as a line end).
    static func findHeadEnd(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, resumeAt: inout Int) throws(HTTPParseError) -> Int? {
        var index = max(resumeAt, start)
        while index < bytes.count {
            if bytes[index] == lf {
                guard index > start, bytes[index - 1] == cr else { throw HTTPParseError(400, "line ends in a bare LF; lines must end in CRLF") }
                if index - start >= 3, bytes[index - 2] == lf, bytes[index - 3] == cr { return index + 1 }
            }
            index += 1
        }
        resumeAt = max(start, bytes.count - 3)
        return nil
    }

    /// The index of the first CRLF at or after `start` within `end`, or nil.
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = start
        while index + 1 < end {
            if bytes[index] == cr && bytes[index + 1] == lf { return index }
            index += 1
        }
        return nil
    }

    /// Parses the field lines in `bytes[start..<end]` (each ending in CRLF, the final empty line excluded).
    /// - Throws: 400 for obs-fold, a bad name, whitespace before the colon or a control character in a value;
    ///   431 beyond `maxCount` fields.
    static func parseFields(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, maxCount: Int) throws(HTTPParseError) -> HTTPHeaders {
        var fields: [(name: String, value: String)] = []
        var lineStart = start
        while lineStart < end {
            guard let lineStop = lineEnd(bytes, from: lineStart, to: end) else { throw HTTPParseError(400, "header line is not terminated by CRLF") }
            if bytes[lineStart] == space || bytes[lineStart] == tab {
                throw HTTPParseError(400, "obsolete line folding (a header line starting with whitespace) is not accepted")
            }
            var colonIndex = lineStart
            while colonIndex < lineStop, bytes[colonIndex] != colon {
                guard isTokenByte(bytes[colonIndex]) else {
                    if bytes[colonIndex] == space || bytes[colonIndex] == tab {
                        throw HTTPParseError(400, "whitespace between a header name and its colon is not allowed")
                    }
                    throw HTTPParseError(400, "header name contains an invalid character (byte 0x\(hex(bytes[colonIndex])))")
                }
                colonIndex += 1
            }
            guard colonIndex < lineStop else { throw HTTPParseError(400, "header line has no colon") }
            guard colonIndex > lineStart else { throw HTTPParseError(400, "header line has an empty name") }
            var valueStart = colonIndex + 1, valueEnd = lineStop
            while valueStart < valueEnd, bytes[valueStart] == space || bytes[valueStart] == tab { valueStart += 1 }
            while valueEnd > valueStart, bytes[valueEnd - 1] == space || bytes[valueEnd - 1] == tab { valueEnd -= 1 }
            for index in valueStart..<valueEnd where !isFieldValueByte(bytes[index]) {
                throw HTTPParseError(400, "header value contains a control character (byte 0x\(hex(bytes[index])))")
            }
            fields.append((name: string(bytes, lineStart, colonIndex), value: string(bytes, valueStart, valueEnd)))
            guard fields.count <= maxCount else { throw HTTPParseError(431, "more than \(maxCount) header fields") }
            lineStart = lineStop + 2
        }
        return HTTPHeaders(fields)
    }

    /// RFC 9110 tchar: the characters of a method or header name.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): return true
        default: return false
        }
    }

    /// RFC 3986 reg-name, IP-literal and port characters: unreserved, sub-delims, `%`, `:`, `[` and `]`.
    static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return "-._~%!$&'()*+,;=:[]".utf8.contains(byte)
        }
    }

    /// Visible ASCII, space, tab and obs-text (0x80-0xFF); never CR, LF, NUL or other controls.
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    /// Parses a Content-Length value: one or more digits, nothing else, at most 18 of them.
    static func contentLength(_ values: [String]) throws(HTTPParseError) -> Int? {
        guard let value = values.first else { return nil }
        guard values.count == 1 else { throw HTTPParseError(400, "more than one Content-Length header") }
        guard !value.isEmpty, value.utf8.count <= 18, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw HTTPParseError(400, "Content-Length '\(value.prefix(40))' is not a non-negative decimal number")
        }
        return Int(value)
    }
}
