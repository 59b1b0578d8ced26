// A fixed set of event loops, handed out round-robin.
import Foundation
import Synchronization

/// A fixed number of event loops (default: one per core) shared by servers and clients.
public final class EventLoopGroup: Sendable {
    /// The loops, each on its own thread.
    public let loops: [EventLoop]
    private let cursor = Atomic<Int>(0)

    /// Starts `loopCount` loops (at least one).
    /// - Throws: `SocketError` when a poller cannot be created.
    public init(loopCount: Int = EventLoopGroup.coreCount, name: String = "understudy-loop") throws(SocketError) {
        var loops: [EventLoop] = []
        for index in 0..<max(1, loopCount) {
            loops.append(try EventLoop(name: "\(name)-\(index)"))
        }
        self.loops = loops
    }

    /// The next loop in round-robin order.
    public func next() -> EventLoop {
        loops[cursor.add(1, ordering: .relaxed).oldValue % loops.count]
    }

    /// Stops every loop and waits for their threads. Call once, after the owners closed their descriptors.
    public func shutdown() {
        for loop in loops { loop.stop() }
    }

    /// The number of active processor cores.
    public static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
