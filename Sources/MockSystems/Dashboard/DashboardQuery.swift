// A dashboard API call's query string, read strictly: known names only, integers in range, errors that say what to send.

/// A query value the dashboard's API refuses; answered 400 with this message.
struct DashboardQueryError: Error, Equatable {
    var message: String
}

/// The query of one API call: only the names the call allows, each at most once. Pure: no I/O.
struct DashboardQuery {
    private var values: [String: String] = [:]

    /// - Throws: `DashboardQueryError` for a name not in `allowed` or a name given twice.
    init(_ items: [(name: String, value: String)], allowed: [String]) throws(DashboardQueryError) {
        for (name, value) in items {
            guard allowed.contains(name) else {
                let names = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
                throw DashboardQueryError(message: "unknown query parameter '\(name)'; this call takes: \(names)")
            }
            guard values[name] == nil else { throw DashboardQueryError(message: "query parameter '\(name)' is given twice") }
            values[name] = value
        }
    }

    /// The value of `name`, or nil when absent.
    func text(_ name: String) -> String? { values[name] }

    /// The integer value of `name` within `range`, `fallback` when absent (nil fallback: the name is required).
    /// - Parameter meaning: what the value is, for the error (e.g. "the sequence of the last event seen").
    /// - Throws: `DashboardQueryError` naming the parameter, its range and what was sent.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int?,
                 meaning: String? = nil) throws(DashboardQueryError) -> Int {
        let expected = range.upperBound == Int.max ? "an integer \(range.lowerBound) or more" : "an integer \(range.lowerBound)-\(range.upperBound)"
        let explained = expected + (meaning.map { " (\($0))" } ?? "")
        guard let text = values[name] else {
            guard let fallback else { throw DashboardQueryError(message: "\(name) is required: \(explained)") }
            return fallback
        }
        guard let number = Int(text), range.contains(number) else {
            throw DashboardQueryError(message: "\(name) must be \(explained), got '\(text.prefix(40))'")
        }
        return number
    }
}
