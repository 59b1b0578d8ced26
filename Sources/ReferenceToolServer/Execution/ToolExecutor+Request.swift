// Turning a plan and its input into the request every attempt sends, and the URL an answer may show.
import HTTPWire
import JSONModel

/// The request of one execution, the same for every attempt (only an OAuth token may change between them).
struct PreparedCall: Sendable {
    /// What is sent, secrets included.
    var request: HTTPClientRequest
    /// The URL as answers show it: secure query values masked.
    var maskedURL: String

    /// Renders `plan` with `input` and `metadata`.
    ///
    /// Headers: the plan's, rendered; then `Content-Type: application/json` when there is a body and the plan sets
    /// none; then `Idempotency-Key: idempotencyKey` unless the plan sets one itself.
    init(plan: ExecutionPlan, input: ResolvedInput, metadata: JSONObject, idempotencyKey: String,
         deviations: ContractDeviations) {
        let renderer = PlaceholderRenderer(input: input.values, metadata: metadata)
        var headers = HTTPHeaders(renderer.headers(plan.headers))
        var body: [UInt8] = []
        if let template = plan.body {
            let rendered = renderer.body(template)
            body = (deviations.downstreamBody?(rendered) ?? rendered).encoded()
            if !headers.contains("Content-Type") { headers.add("Content-Type", "application/json") }
        }
        if !headers.contains("Idempotency-Key") { headers.add("Idempotency-Key", idempotencyKey) }
        request = HTTPClientRequest(method: plan.method, url: renderer.url(plan.urlTemplate, query: plan.queryParams),
                                    headers: headers, body: body)
        maskedURL = deviations.showsSecretsInRequestURL ? request.url : renderer.maskedURL(plan.urlTemplate, query: plan.queryParams)
    }
}

extension ExecutionPlan {
    /// The per-attempt deadline: `timeoutSeconds`, at least 1 s.
    var attemptTimeout: Duration { .seconds(max(1, timeoutSeconds)) }
}
