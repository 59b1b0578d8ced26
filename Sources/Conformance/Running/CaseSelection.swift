// Which cases a run includes, and why a case is skipped. Pure.

enum CaseSelection {
    /// Whether `id` matches `pattern`: equal, a dot-boundary prefix, or a glob where `*` matches any run of characters.
    static func matches(_ id: String, _ pattern: String) -> Bool {
        if pattern.contains("*") { return glob(Array(id), Array(pattern)) }
        return id == pattern || id.hasPrefix(pattern + ".")
    }

    /// Whether the configuration includes the case at all (dialect, patterns, rerun set).
    static func includes(_ testCase: ConformanceCase, _ configuration: RunConfiguration) -> Bool {
        guard testCase.dialects.contains(configuration.dialect) else { return false }
        if let ids = configuration.caseIDs, !ids.contains(testCase.id) { return false }
        if !configuration.only.isEmpty, !configuration.only.contains(where: { matches(testCase.id, $0) }) { return false }
        return !configuration.skip.contains { matches(testCase.id, $0) }
    }

    /// The capability the case needs that the target did not declare, if any.
    static func missingCapability(_ needed: String?, declared: Set<Capability>) -> String? {
        guard let needed else { return nil }
        return declared.contains { $0.rawValue == needed } ? nil : needed
    }

    private static func glob(_ text: [Character], _ pattern: [Character]) -> Bool {
        var textIndex = 0, patternIndex = 0
        var starIndex: Int?, resumeIndex = 0
        while textIndex < text.count {
            if patternIndex < pattern.count, pattern[patternIndex] == "*" {
                starIndex = patternIndex
                resumeIndex = textIndex
                patternIndex += 1
            } else if patternIndex < pattern.count, pattern[patternIndex] == text[textIndex] {
                textIndex += 1
                patternIndex += 1
            } else if let star = starIndex {
                patternIndex = star + 1
                resumeIndex += 1
                textIndex = resumeIndex
            } else {
                return false
            }
        }
        while patternIndex < pattern.count, pattern[patternIndex] == "*" { patternIndex += 1 }
        return patternIndex == pattern.count
    }
}
