// Selecting request paths in matchers and fault rules: an exact path, or a prefix when the text ends in `*`.

/// `/callbacks` matches only `/callbacks`; `/callbacks*` matches every path that starts with `/callbacks`.
public struct PathSelector: Sendable, Equatable {
    /// The text as written, `*` included.
    public let text: String

    /// A selector from its written form.
    public init(_ text: String) { self.text = text }

    /// Whether `path` (without query) is selected.
    public func matches(_ path: some StringProtocol) -> Bool {
        if text.hasSuffix("*") { return path.hasPrefix(text.dropLast()) }
        return path == text
    }
}
