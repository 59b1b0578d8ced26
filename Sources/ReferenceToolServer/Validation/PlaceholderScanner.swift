// The `{{name}}` grammar shared by validation (which names are used) and execution (what to substitute).
import JSONModel

/// Finds `{{name}}` placeholders. Grammar: `{{`, optional spaces, a name, optional spaces, `}}`; a name is one or more
/// of ASCII letters, digits, `_`, `-` and `.`, starting with a letter or `_` (so `metadata.key` is one name).
/// Anything else between braces (`{{ }}`, `{{a b}}`, `{{1x}}`) is not a placeholder and stays literal text.
public enum PlaceholderScanner {
    /// One placeholder occurrence.
    public struct Match: Sendable, Equatable {
        /// The name between the braces, spaces trimmed.
        public var name: String
        /// Where `{{...}}` sits in the scanned string, braces included.
        public var range: Range<String.Index>
    }

    /// The prefix of names that read the execute request's metadata: `{{metadata.key}}`.
    public static let metadataPrefix = "metadata."

    /// Every placeholder in `text`, in order.
    public static func matches(in text: String) -> [Match] {
        var matches: [Match] = []
        var searchStart = text.startIndex
        // The first `}}` after the latest `{{`; every later `{{` before it closes there too. Finding it again for each
        // `{{` (and reading all that lies between) made text full of braces quadratic: seconds for 20 KB.
        var nextClose: Range<String.Index>?
        while let open = text[searchStart...].firstRange(of: "{{") {
            if nextClose.map({ $0.lowerBound < open.upperBound }) ?? true {
                nextClose = text[open.upperBound...].firstRange(of: "}}")
            }
            guard let close = nextClose else { break }
            if let name = name(between: text[open.upperBound..<close.lowerBound]) {
                matches.append(Match(name: String(name), range: open.lowerBound..<close.upperBound))
                searchStart = close.upperBound
            } else {
                // Not a placeholder: try again from the next character, so `{{{name}}` still finds `{{name}}`.
                searchStart = text.index(after: open.lowerBound)
            }
        }
        return matches
    }

    /// The names used in `text`, in order of appearance, repeats included.
    public static func names(in text: String) -> [String] { matches(in: text).map(\.name) }

    /// The names used in the string values of `value`, recursively (object keys are not scanned).
    public static func names(in value: JSONValue) -> [String] {
        switch value {
        case let .string(text): return names(in: text)
        case let .array(values): return values.flatMap { names(in: $0) }
        case let .object(object): return object.flatMap { names(in: $0.value) }
        default: return []
        }
    }

    /// `text` with every placeholder replaced by `replacement(name)`; a nil replacement leaves it as written.
    public static func substitute(in text: String, _ replacement: (String) -> String?) -> String {
        var result = ""
        var cursor = text.startIndex
        for match in matches(in: text) {
            result += text[cursor..<match.range.lowerBound]
            result += replacement(match.name) ?? String(text[match.range])
            cursor = match.range.upperBound
        }
        return result + text[cursor...]
    }

    /// Whether `name` is a metadata reference, and the key it reads.
    public static func metadataKey(of name: String) -> String? {
        guard name.hasPrefix(metadataPrefix), name.count > metadataPrefix.count else { return nil }
        return String(name.dropFirst(metadataPrefix.count))
    }

    /// The name when `inner` is optional spaces, a name, optional spaces; else nil. Reads only up to the first
    /// character that cannot belong, so each character of a text is read a bounded number of times.
    private static func name(between inner: Substring) -> Substring? {
        let start = inner.firstIndex { $0 != " " } ?? inner.endIndex
        let end = inner[start...].firstIndex { !isNameCharacter($0) } ?? inner.endIndex
        guard inner[end...].allSatisfy({ $0 == " " }), isName(inner[start..<end]) else { return nil }
        return inner[start..<end]
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }
    }

    static func isName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
