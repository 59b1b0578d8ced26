// The check before any case: is there a tool server at the target, and does it take the key?
import ToolContract
import HTTPWire
import JSONModel

enum TargetProbe {
    /// Small requests that measure the round trip, after the first (which also pays for connecting).
    static let roundTripSamples = 5

    /// Lists tools once, then measures the round trip.
    /// - Returns: the round trip of `roundTripSamples` small list requests.
    /// - Throws: `RunSetupError` when the target is unreachable, rejects the API key, or does not answer a list.
    static func check(_ environment: CaseEnvironment) async throws(RunSetupError) -> RoundTrip {
        let key = environment.dialect.apiKeyHeader(environment.apiKey)
        let headers = HTTPHeaders([key])
        let url = environment.target + "/v1/tools"
        let response: HTTPResponse
        do {
            response = try await environment.client.execute(HTTPClientRequest(method: "GET", url: url, headers: headers),
                                                            timeout: environment.scaledRequestTimeout)
        } catch {
            throw RunSetupError(message(for: error, target: environment.target, timeout: environment.scaledRequestTimeout))
        }
        if response.status == 401 || response.status == 403 {
            throw RunSetupError("target \(environment.target) rejected the API key (GET /v1/tools answered \(response.status))")
        }
        // The contract's lists are `{items, ...}`; a bare array is accepted too, since OneInbox documents no list shape.
        guard response.status == 200, let json = try? JSONValue.parse(response.body),
              json["items"]?.arrayValue != nil || json.arrayValue != nil else {
            let text = String(decoding: response.body.prefix(200), as: UTF8.self)
            throw RunSetupError("target \(environment.target) does not look like a \(environment.dialect.rawValue) tool server: "
                + "GET /v1/tools answered \(response.status) \(environment.redactor.redact(text))")
        }
        try await checkDialect(environment, headers: headers)
        return await roundTrip(environment, headers: headers)
    }

    /// Creates one minimal tool in the run's dialect and deletes it. When the target refuses it but takes the other
    /// dialect's body, the run would only produce failures that say nothing about why: stop and name the dialect the
    /// target seems to speak. Any other refusal is left to the cases to judge.
    private static func checkDialect(_ environment: CaseEnvironment, headers: HTTPHeaders) async throws(RunSetupError) {
        let ours = environment.dialect
        guard let refused = await createAndDelete(ours, environment, headers: headers), refused.status == 422 else { return }
        let other: Dialect = ours == .feather ? .oneinbox : .feather
        guard let answer = await createAndDelete(other, environment, headers: headers), (200..<300).contains(answer.status) else { return }
        throw RunSetupError("target \(environment.target) seems to speak \(other.rawValue), not \(ours.rawValue): it refused a minimal "
            + "\(ours.rawValue) tool (\(environment.redactor.redact(refused.summary))) and created the \(other.rawValue) form of "
            + "the same tool (deleted again); run with --dialect \(other.rawValue)")
    }

    /// POSTs a minimal tool in `dialect`'s form and deletes it when it was created; the create answer (nil: none).
    private static func createAndDelete(_ dialect: Dialect, _ environment: CaseEnvironment,
                                        headers: HTTPHeaders) async -> TargetAnswer? {
        var spec = ToolSpec(url: "http://127.0.0.1:9/understudy-dialect-check")
        spec.name = environment.toolPrefix + "dialect_check"
        var fields = headers
        fields.add("Content-Type", "application/json")
        let timeout = environment.scaledRequestTimeout
        let create = HTTPClientRequest(method: "POST", url: environment.target + "/v1/tools", headers: fields,
                                       body: spec.json(for: dialect).encoded())
        let started = MonotonicClock.now()
        guard let response = try? await environment.client.execute(create, timeout: timeout) else { return nil }
        let answer = TargetAnswer(response, elapsedMs: MonotonicClock.elapsed(since: started).inMilliseconds)
        if (200..<300).contains(answer.status), let id = answer["id"].stringValue {
            _ = try? await environment.client.execute(HTTPClientRequest(method: "DELETE", url: environment.target + "/v1/tools/\(id)",
                                                                        headers: headers), timeout: timeout)
        }
        return answer
    }

    /// Times `roundTripSamples` small list requests one after another; failed ones are left out (the cases will say
    /// what is wrong with the target).
    private static func roundTrip(_ environment: CaseEnvironment, headers: HTTPHeaders) async -> RoundTrip {
        let url = environment.target + (environment.dialect == .feather ? "/v1/tools?limit=1" : "/v1/tools")
        var durations: [Double] = []
        for _ in 0..<roundTripSamples {
            let started = MonotonicClock.now()
            guard (try? await environment.client.execute(HTTPClientRequest(method: "GET", url: url, headers: headers),
                                                         timeout: environment.scaledRequestTimeout)) != nil else { continue }
            durations.append(MonotonicClock.elapsed(since: started).inMilliseconds)
        }
        return RoundTrip(durationsMs: durations)
    }

    /// Why the first request failed, in words that say what to do: "unreachable" only when no connection could be
    /// made; a slow answer names the request timeout and the flag that moves it; TLS failures name their reason.
    static func message(for error: HTTPClientError, target: String, timeout: Duration) -> String {
        switch error {
        case .responseTimedOut:
            return "target \(target) accepted the connection but did not answer GET /v1/tools within \(CaseContext.seconds(timeout)) s "
                + "(the request timeout); raise --timeout-scale for a slow or far target"
        case .connectionReset, .closedWithoutResponse, .malformedResponse, .responseTooLarge:
            return "target \(target) accepted the connection but gave no usable answer to GET /v1/tools: \(error)"
        case let .certificateRejected(reason):
            var hint = ""
            if case .untrustedIssuer = reason { hint = "; if a private CA signed it, trust that CA with --ca-file FILE" }
            if case .nameMismatch = reason { hint = "; use a host name the certificate names" }
            return "target \(target): its TLS certificate does not verify: \(reason)\(hint)"
        case .tlsHandshakeFailed:
            return "target \(target): \(error)"
        default:
            return "target \(target) is unreachable: GET /v1/tools: \(error)"
        }
    }
}
