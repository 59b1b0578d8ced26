// The seam between the stored tool model and the execution engine: a revision becomes an execution plan.
import JSONModel

extension ExecutionPlan {
    /// The plan for an `api_call` revision: its configuration (OAuth settings included), response mappings and input
    /// defaults.
    init(configuration: APICallConfiguration, responseSchema: ResponseFieldSelector?,
         inputDefaults: [String: ReferenceToolServer.InputDefault]?) {
        self.init(
            urlTemplate: configuration.url,
            method: configuration.method.rawValue,
            headers: configuration.headers,
            queryParams: configuration.queryParams,
            body: configuration.body.map { .object($0) },
            timeoutSeconds: configuration.timeout,
            variables: configuration.variables.map {
                Variable(name: $0.name, type: ExecutionPlan.VariableType(rawValue: $0.type.rawValue) ?? .str, required: $0.required)
            },
            inputDefaults: (inputDefaults ?? [:]).mapValues { ExecutionPlan.InputDefault(value: $0.value, pinned: $0.kind == .pinned) },
            retry: configuration.retry ?? .none,
            responseMappings: (responseSchema?.fieldMappings ?? []).map { FieldMapping(path: $0.path, alias: $0.alias) },
            oauth: configuration.oauth2)
    }
}
