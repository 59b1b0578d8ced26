// Many requests at once, and the callback form driven from the loop itself.
import Dispatch
import Synchronization
import Testing
@testable import HTTPWire

struct HTTPClientConcurrencyTests {
    @Test func execute_AnswersAHundredConcurrentRequests_EachWithItsOwnResponse() async throws {
        let peer = try ScriptedPeer([], otherwise: .respondUsing { ScriptedPeer.response(body: $0.target) })
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let bodies = await withTaskGroup(of: (Int, Result<String, HTTPClientError>).self) { group in
            for index in 0..<100 {
                group.addTask {
                    (index, await client.result(of: HTTPClientRequest(url: peer.baseURL + "/n/\(index)"), timeout: .seconds(20)).map(\.bodyText))
                }
            }
            var collected: [Int: Result<String, HTTPClientError>] = [:]
            for await (index, body) in group { collected[index] = body }
            return collected
        }
        #expect(bodies.count == 100)
        for index in 0..<100 { #expect(bodies[index] == .success("/n/\(index)")) }
        #expect(peer.requests.count == 100)
        #expect(client.idleConnectionCount <= client.configuration.maxIdlePerHost)
    }

    @Test func execute_CallsTheCompletionOnTheEventLoop() async throws {
        let peer = try ScriptedPeer([.respond(ScriptedPeer.response(body: "hi"))])
        defer { peer.stop() }
        let group = try EventLoopGroup(loopCount: 1, name: "client-callback")
        defer { group.shutdown() }
        let client = try HTTPClient.make(group: group)
        defer { client.shutdown() }
        let loop = group.loops[0]
        let onLoop = await withCheckedContinuation { continuation in
            client.execute(HTTPClientRequest(url: peer.baseURL + "/"), timeout: .seconds(5)) { result in
                continuation.resume(returning: loop.inEventLoop && (try? result.get().bodyText) == "hi")
            }
        }
        #expect(onLoop)
    }

    @Test func execute_FromACompletionThatTheDeadlineTimerRan_StillRuns() async throws {
        // The first completion runs inside the loop's timer; the request it makes is handed to the same loop.
        let peer = try ScriptedPeer([.silence(.seconds(60)), .respond(ScriptedPeer.response(body: "second"))])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let url = peer.baseURL + "/"
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Outcome?, Never>) in
            let once = ResumeOnce(continuation)
            // An upper bound, not a delay: a request stranded on the loop would otherwise hang the test.
            DispatchQueue.global().asyncAfter(deadline: .now() + 10) { once.resume(nil) }
            client.execute(HTTPClientRequest(url: url), timeout: .milliseconds(100)) { first in
                client.execute(HTTPClientRequest(url: url), timeout: .seconds(5)) { second in once.resume(Outcome(first: first, second: second)) }
            }
        }
        let both = try #require(outcome, "the request made from the timer's completion never ran")
        #expect(both.first == .failure(.responseTimedOut))
        #expect((try? both.second.get().bodyText) == "second")
    }
}

/// Both results of the chained requests.
private struct Outcome: Sendable {
    var first: Result<HTTPResponse, HTTPClientError>
    var second: Result<HTTPResponse, HTTPClientError>
}

/// Resumes a continuation once, whichever of the completion or the time limit comes first.
private final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Outcome?, Never>?>

    init(_ continuation: CheckedContinuation<Outcome?, Never>) { self.continuation = Mutex(continuation) }

    func resume(_ outcome: Outcome?) {
        continuation.withLock { stored in
            stored?.resume(returning: outcome)
            stored = nil
        }
    }
}
