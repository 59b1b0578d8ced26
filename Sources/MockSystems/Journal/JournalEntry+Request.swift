// Building a draft entry from a request as the server received it.
import HTTPWire

extension JournalEntry {
    /// A draft entry for `request` received by `system`, marking headers named in `secretHeaders` as secret.
    /// - Parameter secretHeaders: lower-case header names whose values are credentials.
    public init(system: String, request: HTTPRequest, secretHeaders: Set<String> = JournalHeader.defaultSecretNames) {
        self.init(
            system: system,
            arrivedAt: request.arrival.wall,
            arrivalMonotonicNanoseconds: request.arrival.monotonicNanoseconds,
            method: request.method,
            target: request.target,
            path: String(request.path),
            query: request.query.map(String.init),
            headers: request.headers.map { field in
                JournalHeader(name: field.name, value: field.value, secret: secretHeaders.contains(field.name.lowercased()))
            },
            body: request.body,
            peer: request.peer)
    }
}
