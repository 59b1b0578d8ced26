// The expectations one case checked: each once, a failure replacing an earlier pass, bounded for cases that loop.

/// What a case has checked so far, for its result's `checks`.
struct CheckLog {
    private(set) var results: [CheckResult] = []
    /// JSON keys that failed expectations looked at, in order: kept in view when long bodies are cut.
    private(set) var fields: [String] = []
    /// The first expectation that did not hold, and how many distinct ones did not (listed or not).
    private(set) var firstFailure: CheckResult?
    private(set) var failures = 0
    private var index: [Key: Int] = [:]

    /// Distinct expectations kept per case: a case checking each item of a long list reports its first failures.
    static let limit = 100

    private struct Key: Hashable {
        var rule: String
        var expectation: String
    }

    /// Adds `result` unless the same expectation is already there; a failure replaces an earlier pass of it, and
    /// the first failure of an expectation is the one kept.
    mutating func add(_ result: CheckResult, field: String?) {
        if let field, !fields.contains(field) { fields.append(field) }
        let key = Key(rule: result.rule, expectation: result.expectation)
        if let existing = index[key] {
            if results[existing].passed, !result.passed {
                results[existing] = result
                noteFailure(result)
            }
            return
        }
        if !result.passed { noteFailure(result) }
        guard results.count < Self.limit else { return }
        index[key] = results.count
        results.append(result)
    }

    private mutating func noteFailure(_ result: CheckResult) {
        failures += 1
        if firstFailure == nil { firstFailure = result }
    }
}
