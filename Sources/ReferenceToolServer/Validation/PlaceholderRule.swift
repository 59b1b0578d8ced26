// The SHOULD rule: every placeholder names a variable or `metadata.*`.
import JSONModel

/// Where in a configuration a placeholder was found; each dialect turns it into its own `loc`.
public enum PlaceholderSite: Sendable, Equatable {
    case url
    case header(index: Int)
    case queryParam(index: Int)
    /// Path inside `body` to the string holding the placeholder.
    case body(Location)
}

/// Finds placeholders that name neither a declared variable nor `metadata.<key>`.
public enum PlaceholderRule {
    /// One unknown placeholder.
    public struct Finding: Sendable, Equatable {
        public var site: PlaceholderSite
        public var name: String
    }

    /// Unknown placeholders in the url, header values, query values and body strings (recursively), in that order.
    public static func unknownPlaceholders(in configuration: APICallConfiguration) -> [Finding] {
        let known = Set(configuration.variables.map(\.name))
        func unknown(_ names: [String]) -> [String] {
            names.filter { !known.contains($0) && PlaceholderScanner.metadataKey(of: $0) == nil }
        }
        var findings = unknown(PlaceholderScanner.names(in: configuration.url)).map { Finding(site: .url, name: $0) }
        for (index, header) in configuration.headers.enumerated() {
            findings += unknown(PlaceholderScanner.names(in: header.value)).map { Finding(site: .header(index: index), name: $0) }
        }
        for (index, param) in configuration.queryParams.enumerated() {
            findings += unknown(PlaceholderScanner.names(in: param.value)).map { Finding(site: .queryParam(index: index), name: $0) }
        }
        if let body = configuration.body {
            for (path, text) in strings(in: .object(body), at: []) {
                findings += unknown(PlaceholderScanner.names(in: text)).map { Finding(site: .body(path), name: $0) }
            }
        }
        return findings
    }

    /// The warning-level problem for one finding at `loc`.
    static func problem(_ finding: Finding, at loc: Location) -> ValidationProblem {
        ValidationProblem(
            loc: loc, msg: "placeholder {{\(finding.name)}} names neither a declared variable nor metadata.<key>",
            type: ProblemType.unknownPlaceholder, severity: .warning)
    }

    private static func strings(in value: JSONValue, at path: Location) -> [(Location, String)] {
        switch value {
        case let .string(text): return [(path, text)]
        case let .array(values): return values.enumerated().flatMap { strings(in: $1, at: path + [.index($0)]) }
        case let .object(object): return object.flatMap { strings(in: $0.value, at: path + [.key($0.key)]) }
        default: return []
        }
    }
}
