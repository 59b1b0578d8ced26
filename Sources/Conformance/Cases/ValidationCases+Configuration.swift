// Validation cases for the api_call settings: configuration present with a url, url absolute http(s), timeout, retry.
import ToolContract
import JSONModel

extension ValidationCases {
    static let configuration: [ConformanceCase] = [
        configurationMissing, configurationWithoutURL, urlNotAbsolute, urlNotHTTP, urlPlaceholderAccepted,
        timeoutBelowOne, timeoutAbove300, timeoutBoundsAccepted, retryOutOfRange, retryBoundsAccepted,
    ]

    // MARK: Configuration and url

    static let configurationMissing = refusal(
        "validate.configuration.missing", "An api_call tool without configuration (absent or null) is refused with 422 at configuration",
        rule: "validate.configuration", dialects: [.feather]
    ) { dialect, marker in
        let tool = apiCall(dialect, marker)
        return [
            InvalidBody("an api_call tool without configuration", tool.replacing(["configuration"], with: nil), at: ["body", "configuration"]),
            InvalidBody("an api_call tool with configuration null", tool.replacing(["configuration"], with: .null), at: ["body", "configuration"]),
        ]
    }

    static let configurationWithoutURL = refusal(
        "validate.configuration.no-url", "A configuration without url is refused with 422 at configuration.url",
        rule: "validate.configuration", dialects: [.feather]
    ) { dialect, marker in
        [InvalidBody("a configuration without url", apiCall(dialect, marker).replacing(["configuration", "url"], with: nil),
                     at: ["body", "configuration", "url"])]
    }

    static let urlNotAbsolute = refusal(
        "validate.url.not-absolute", "Relative urls (/leads, leads, {{base}}/leads) are refused with 422 at url", rule: "validate.url"
    ) { dialect, marker in
        let field = ["body"] + settingPath(dialect, "url")
        return [
            InvalidBody("url \"/leads\"", apiCall(dialect, marker, url: "/leads"), at: field),
            InvalidBody("url \"leads\"", apiCall(dialect, marker, url: "leads"), at: field),
            // With the placeholder set aside, nothing names a scheme or a host.
            InvalidBody("url \"{{base}}/leads\"", apiCall(dialect, marker, url: "{{base}}/leads", variables: [ToolVariable("base")]), at: field),
        ]
    }

    static let urlNotHTTP = refusal(
        "validate.url.not-http", "Absolute urls of other schemes (ftp:, file:) are refused with 422 at url", rule: "validate.url"
    ) { dialect, marker in
        let field = ["body"] + settingPath(dialect, "url")
        return [
            InvalidBody("url \"ftp://files.example.com/leads\"", apiCall(dialect, marker, url: "ftp://files.example.com/leads"), at: field),
            InvalidBody("url \"file:///tmp/leads\"", apiCall(dialect, marker, url: "file:///tmp/leads"), at: field),
        ]
    }

    /// Placeholders are set aside before the url is judged, so an absolute url with one in its path is valid.
    static let urlPlaceholderAccepted = acceptance(
        "validate.url.placeholder-in-path-accepted", "An absolute url with a {{placeholder}} in its path and query is accepted",
        rule: "validate.url"
    ) { dialect, marker in
        [("url \"http://127.0.0.1:9/leads/{{lead_id}}?ref={{lead_id}}\"",
          apiCall(dialect, marker, url: "http://127.0.0.1:9/leads/{{lead_id}}?ref={{lead_id}}", variables: [ToolVariable("lead_id")]))]
    }

    // MARK: Timeout

    static let timeoutBelowOne = refusal(
        "validate.timeout.below-1", "timeout 0 and -1 are refused with 422 at configuration.timeout", rule: "validate.timeout",
        dialects: [.feather]
    ) { dialect, marker in
        [0, -1].map { InvalidBody("timeout \($0)", timeout($0, dialect, marker), at: ["body", "configuration", "timeout"]) }
    }

    static let timeoutAbove300 = refusal(
        "validate.timeout.above-300", "timeout 301 and 3600 are refused with 422 at configuration.timeout", rule: "validate.timeout",
        dialects: [.feather]
    ) { dialect, marker in
        [301, 3600].map { InvalidBody("timeout \($0)", timeout($0, dialect, marker), at: ["body", "configuration", "timeout"]) }
    }

    static let timeoutBoundsAccepted = acceptance(
        "validate.timeout.bounds-accepted", "timeout 1 and 300 (the range's ends) are accepted", rule: "validate.timeout",
        dialects: [.feather]
    ) { dialect, marker in
        [1, 300].map { ("timeout \($0)", timeout($0, dialect, marker)) }
    }

    static func timeout(_ seconds: Int, _ dialect: Dialect, _ marker: String) -> JSONValue {
        apiCall(dialect, marker).replacing(["configuration", "timeout"], with: .int(seconds))
    }

    // MARK: Retry

    static let retryOutOfRange = refusal(
        "validate.retry.out-of-range",
        "max_retries outside 0-5, base_delay_seconds outside 0.1-30, max_delay_seconds outside 1-120 are refused with 422 at the field",
        rule: "validate.retry", dialects: [.feather]
    ) { dialect, marker in
        let values: [(String, JSONValue)] = [
            ("max_retries", -1), ("max_retries", 6), ("base_delay_seconds", 0.05), ("base_delay_seconds", 30.5),
            ("max_delay_seconds", 0.5), ("max_delay_seconds", 121),
        ]
        return values.map { key, value in
            InvalidBody("retry.\(key) \(value.jsonText)", retry([key: value], dialect, marker), at: ["body", "configuration", "retry", key])
        }
    }

    static let retryBoundsAccepted = acceptance(
        "validate.retry.bounds-accepted", "Retry settings at the ends of their ranges (0/5, 0.1/30, 1/120) are accepted",
        rule: "validate.retry", dialects: [.feather]
    ) { dialect, marker in
        let settings: [JSONObject] = [
            ["max_retries": 5, "base_delay_seconds": 0.1, "max_delay_seconds": 120],
            ["max_retries": 0, "base_delay_seconds": 30, "max_delay_seconds": 120],
            ["max_retries": 0, "base_delay_seconds": 0.1, "max_delay_seconds": 1],
        ]
        return settings.map { ("retry \(JSONValue.object($0).jsonText)", retry($0, dialect, marker)) }
    }

    static func retry(_ settings: JSONObject, _ dialect: Dialect, _ marker: String) -> JSONValue {
        apiCall(dialect, marker).replacing(["configuration", "retry"], with: .object(settings))
    }
}
