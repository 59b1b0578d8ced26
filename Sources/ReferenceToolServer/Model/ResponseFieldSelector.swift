// Which fields of a downstream answer an execution returns.

/// One selected field (Feather's `ResponseFieldMapping`).
public struct ResponseFieldMapping: Sendable, Equatable {
    /// Dot path into the response, e.g. `data.order.id`; numeric segments index arrays.
    public var path: String
    /// Output key; nil means the path itself.
    public var alias: String?

    /// Creates a mapping.
    public init(path: String, alias: String? = nil) {
        self.path = path
        self.alias = alias
    }

    /// The key the value is returned under: the alias, or the path when there is none.
    public var outputKey: String { alias ?? path }
}

/// The projection applied to a tool response (Feather's `ResponseFieldSelector`).
public struct ResponseFieldSelector: Sendable, Equatable {
    /// Fields to keep, in order.
    public var fieldMappings: [ResponseFieldMapping]

    /// Creates a selector.
    public init(fieldMappings: [ResponseFieldMapping] = []) { self.fieldMappings = fieldMappings }
}
