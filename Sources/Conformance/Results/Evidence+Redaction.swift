// Evidence and checks with every registered secret replaced: applied when a case records them, and again by the report
// writer.

extension Evidence {
    /// The evidence with `redactor.redact` applied to every string it holds.
    public func redacted(by redactor: Redactor) -> Evidence {
        Evidence(expectation: redactor.redact(expectation), observed: redactor.redact(observed),
                 exchanges: exchanges.map { $0.redacted(by: redactor) },
                 mockRequests: mockRequests.map { $0.redacted(by: redactor) })
    }

    /// The evidence with every body cut to `Exchange.maxBodyCharacters`, keeping in view where a JSON body breaks or
    /// else the first of `fields` (JSON keys a failed expectation looked at). Cut after redacting, never before: a cut
    /// through a secret would leave a fragment the redactor no longer recognises.
    func truncatingBodies(around fields: [String] = []) -> Evidence {
        var copy = self
        copy.exchanges = exchanges.map { exchange in
            var cut = exchange
            cut.requestBody = exchange.requestBody?.truncatedForEvidence(around: fields)
            cut.responseBody = exchange.responseBody?.truncatedForEvidence(around: fields)
            return cut
        }
        copy.mockRequests = mockRequests.map { request in
            var cut = request
            cut.body = request.body?.truncatedForEvidence(around: fields)
            return cut
        }
        return copy
    }
}

extension Exchange {
    /// The exchange with `redactor.redact` applied to every string it holds.
    public func redacted(by redactor: Redactor) -> Exchange {
        let clean = redactor.redact
        return Exchange(method: clean(method), url: clean(url), requestHeaders: requestHeaders.redacted(by: redactor),
                        requestBody: requestBody.map(clean), status: status,
                        responseHeaders: responseHeaders.redacted(by: redactor), responseBody: responseBody.map(clean),
                        error: error.map(clean), startedMs: startedMs, durationMs: durationMs)
    }
}

extension MockRequest {
    /// The request with `redactor.redact` applied to every string it holds.
    public func redacted(by redactor: Redactor) -> MockRequest {
        let clean = redactor.redact
        return MockRequest(system: clean(system), method: clean(method), target: clean(target),
                           headers: headers.redacted(by: redactor), body: body.map(clean), arrivedMs: arrivedMs, status: status)
    }
}

extension [HeaderField] {
    fileprivate func redacted(by redactor: Redactor) -> [HeaderField] {
        map { HeaderField(name: redactor.redact($0.name), value: redactor.redact($0.value)) }
    }
}

extension CheckResult {
    /// The check with `redactor.redact` applied to every string it holds.
    public func redacted(by redactor: Redactor) -> CheckResult {
        CheckResult(rule: redactor.redact(rule), expectation: redactor.redact(expectation), observed: observed.map(redactor.redact))
    }
}
