// An answer decided before a request's handling is done (a bad body, an unknown id), carried out as an error.

/// The response that ends a request early: thrown (or returned as a `Result` failure) from deep in a handler and
/// sent as it is by the code that catches it.
public struct EarlyResponse: Error, Sendable {
    public var response: HTTPResponse

    public init(_ response: HTTPResponse) { self.response = response }
}
