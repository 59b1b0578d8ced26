// The mock systems a case starts for itself, on the run's mock host, stopped when the case ends.
import MockSystems

extension CaseContext {
    /// Starts a mock for this case only, on the run's mock host and a free port; stopped when the case ends.
    /// - Parameters:
    ///   - definition: what the mock serves (`MockDefinition.builtin("crm")`).
    ///   - auth: what it requires; nil keeps the definition's own.
    ///   - token: the secret behind `auth`, reported back in `CaseMock.token`.
    ///   - tokens: the registry shared with an OAuth issuer started for the same case.
    public func startMock(_ definition: MockDefinition, auth: AuthRequirement? = nil, token: String? = nil,
                          tokens: TokenRegistry = TokenRegistry()) throws -> CaseMock {
        var options = MockOptions()
        options.http.host = environment.mockHost
        options.http.loopCount = 1
        options.http.tls = environment.mockTLS
        options.auth = auth
        options.journalCapacity = 1000
        do {
            let system = try MockSystem(definition: definition, options: options, tokens: tokens)
            try system.start()
            var port = system.port ?? 0
            if let mockFront = environment.mockFront {
                let front = try mockFront(port)
                fronts.withLock { $0.append(front) }
                port = front.port
            }
            let scheme = environment.mockTLS == nil ? "http" : "https"
            let mock = CaseMock(system: system, baseURL: "\(scheme)://\(Self.urlHost(environment.advertiseHost)):\(port)", token: token,
                                toolPrefix: environment.toolPrefix)
            mocks.withLock { $0.append(mock) }
            return mock
        } catch {
            throw CaseSetupError("cannot start mock '\(definition.name)' on \(environment.mockHost): \(error)")
        }
    }

    /// The built-in mock CRM, requiring a fresh bearer token.
    public func startCRM() throws -> CaseMock {
        let token = secret("crm-token")
        return try startMock(try builtin("crm"), auth: .bearer(token: token), token: token)
    }

    /// The built-in webhook receiver (records anything, no auth).
    public func startWebhook() throws -> CaseMock {
        try startMock(try builtin("webhook"))
    }

    /// Loads a built-in mock definition.
    public func builtin(_ name: String) throws -> MockDefinition {
        do { return try MockDefinition.builtin(name) } catch { throw CaseSetupError("built-in mock '\(name)': \(error)") }
    }

    /// Stops every mock the case started (at once: delayed answers are abandoned).
    func stopMocks() {
        for mock in mocks.withLock({ $0 }) { mock.system.stop(gracePeriod: .zero) }
        for front in fronts.withLock({ $0 }) { front.stop() }
    }

    /// A host for a URL: an IPv6 address in brackets.
    private static func urlHost(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
}
