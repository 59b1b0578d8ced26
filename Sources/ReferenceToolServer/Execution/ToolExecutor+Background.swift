// Background execution (OneInbox `run_in_background`): answer at once, call downstream exactly once afterwards.
import HTTPWire
import JSONModel

/// An execution answered before its downstream call finished.
public struct BackgroundExecution: Sendable {
    /// The immediate answer: `status_code` 0, `headers` {}, `body` null, `success` true, `error` null,
    /// `execution_time_ms` (time to accept), `request_url` (masked), `request_method`, and `"background": true`.
    /// `success` means "accepted"; what the downstream said is known only to `completion`.
    public let accepted: ExecutionResult
    /// The execution itself (with the plan's retries); await it to learn the outcome, e.g. for a log line.
    public let completion: Task<ExecutionResult, Never>
}

extension ToolExecutor {
    /// Checks `input`, answers at once, and executes in a detached task. The downstream call is made once (plus
    /// the plan's retries on failure), whether or not anyone awaits `completion`.
    /// - Parameters:
    ///   - plan: what to call.
    ///   - input: the execute request's `input`; checked before accepting, so a 422 still comes first.
    ///   - metadata: the execute request's `metadata`.
    /// - Returns: the accepted answer and the running execution.
    /// - Throws: `InputRejection` when the input is refused; then nothing is sent.
    public func executeInBackground(_ plan: ExecutionPlan, input: JSONObject,
                                    metadata: JSONObject = [:]) throws(InputRejection) -> BackgroundExecution {
        let resolved = try resolve(input, for: plan)
        return executeInBackground(plan, resolved: resolved, metadata: metadata)
    }

    /// `executeInBackground(_:input:metadata:)` with input already resolved.
    public func executeInBackground(_ plan: ExecutionPlan, resolved: ResolvedInput,
                                    metadata: JSONObject = [:]) -> BackgroundExecution {
        let started = MonotonicClock.now()
        let call = PreparedCall(plan: plan, input: resolved, metadata: metadata, idempotencyKey: makeIdempotencyKey(),
                                deviations: deviations)
        let twice = deviations.backgroundCallsTwice
        let completion = Task.detached {
            if twice { _ = await self.run(call, plan: plan, started: started) }
            return await self.run(call, plan: plan, started: started)
        }
        let accepted = ExecutionResult(statusCode: 0, headers: [], body: .null, success: true, error: nil,
                                       executionTimeMs: MonotonicClock.elapsed(since: started).inMilliseconds,
                                       requestURL: call.maskedURL, requestMethod: plan.method, attempts: 0,
                                       background: true)
        return BackgroundExecution(accepted: accepted, completion: completion)
    }
}
