// The HTTP methods an api_call tool may use.

/// HTTP method of an api_call tool (Feather's `APICallConfiguration.method` enum; the default is GET).
public enum APICallMethod: String, Sendable, CaseIterable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
}
