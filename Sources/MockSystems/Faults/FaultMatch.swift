// Which requests a fault rule applies to.

/// Criteria a request must all meet for a rule to apply; an empty match applies to every request.
public struct FaultMatch: Sendable, Equatable {
    /// A header that must be present, with this exact value when `value` is set (name case-insensitive).
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String?

        public init(name: String, value: String? = nil) {
            self.name = name
            self.value = value
        }
    }

    /// The matched route's id.
    public var route: String?
    /// Compared case-insensitively.
    public var method: String?
    public var path: PathSelector?
    public var header: Header?

    public init(route: String? = nil, method: String? = nil, path: PathSelector? = nil, header: Header? = nil) {
        self.route = route
        self.method = method
        self.path = path
        self.header = header
    }

    /// Whether the request described by `facts` meets every criterion.
    public func matches(_ facts: RequestFacts) -> Bool {
        if let route, facts.route != route { return false }
        if let method, facts.method.uppercased() != method.uppercased() { return false }
        if let path, !path.matches(facts.path) { return false }
        if let header {
            let values = facts.headers.values(header.name)
            if let expected = header.value { return values.contains(expected) }
            return !values.isEmpty
        }
        return true
    }
}
