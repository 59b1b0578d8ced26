// What a fault rule may look at in a request.
import HTTPWire

/// The parts of a request fault rules match on.
public struct RequestFacts: Sendable {
    /// The id of the route the request matched, or nil when none did.
    public var route: String?
    public var method: String
    /// The path without the query.
    public var path: String
    public var headers: HTTPHeaders

    public init(route: String?, method: String, path: String, headers: HTTPHeaders = [:]) {
        self.route = route
        self.method = method
        self.path = path
        self.headers = headers
    }
}
