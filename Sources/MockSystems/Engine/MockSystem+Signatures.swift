// A route's signature check at the edge: the pure verifier, then the system's memory of accepted deliveries.
import Foundation
import HTTPWire

extension MockSystem {
    /// Why `request` is refused by `spec` (answered 401 `invalid_signature`), or nil when it may go on. A delivery
    /// whose signature verifies is remembered from then on, when `spec` refuses replays, whatever the rest of the
    /// route decides.
    func signatureProblem(_ request: HTTPRequest, _ spec: SignatureSpec, route: String, now: Date) -> SignatureProblem? {
        switch spec.verify(headers: request.headers, body: request.body, now: now) {
        case let .failure(problem):
            return problem
        case let .success(delivery):
            guard let key = delivery.replayKey else { return nil }
            let seconds = SignatureSpec.unixSeconds(now)
            let admitted = replays.withLock { $0.admit("\(route)\n\(key)", expiry: delivery.replayExpiry, now: seconds) }
            return admitted ? nil : .replayed(delivery: delivery.description)
        }
    }
}
