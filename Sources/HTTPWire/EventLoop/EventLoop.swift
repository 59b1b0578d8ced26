// One thread, one poller: runs descriptor callbacks, timers and tasks handed over from other threads.
import Foundation
import Synchronization

/// Receives readiness events for a descriptor registered on an event loop; called on that loop's thread.
protocol Selectable: AnyObject {
    func handle(_ event: PollerEvent)
}

/// A thread that waits on a poller and runs everything registered with it.
///
/// Descriptor state, timers and registrations are confined to the loop's thread; other threads reach
/// the loop only through `execute(_:)` and `schedule(after:_:)`, which are safe from anywhere.
public final class EventLoop: @unchecked Sendable {
    private let poller: Poller
    private var handlers: [Int: any Selectable] = [:]
    private var nextToken = 1
    private var timers = TimerQueue()
    private let inbox = Mutex<[@Sendable () -> Void]>([])
    /// Set once the loop has ended; later tasks are dropped (the poller's descriptors are closed).
    private let ended = Atomic<Bool>(false)
    private var stopRequested = false
    private nonisolated(unsafe) var thread: pthread_t?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts a loop on a new thread named `name`.
    /// - Throws: `SocketError` when the poller cannot be created (out of descriptors).
    init(name: String) throws(SocketError) {
        poller = try Poller()
        let started = DispatchSemaphore(value: 0)
        let worker = Thread { [self] in
            thread = pthread_self()
            started.signal()
            run()
            inbox.withLock { _ in ended.store(true, ordering: .relaxed) }
            poller.close()
            finished.signal()
        }
        worker.name = name
        worker.start()
        started.wait()
    }

    /// `true` on this loop's own thread.
    public var inEventLoop: Bool {
        guard let thread else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    /// Runs `task` on the loop's thread, soon; safe from any thread. Dropped once the loop has stopped.
    public func execute(_ task: @escaping @Sendable () -> Void) {
        let onLoop = inEventLoop
        inbox.withLock { queue in
            guard !ended.load(ordering: .relaxed) else { return }
            queue.append(task)
            // Woken under the lock: the loop closes its poller only after marking itself ended under the same lock,
            // so a wake never writes to a closed (or reused) descriptor. From the loop's own thread no wake is
            // needed: `run` checks the inbox before it waits.
            if queue.count == 1 && !onLoop { poller.wake() }
        }
    }

    /// Runs `task` on the loop's thread once `delay` has passed; safe from any thread.
    /// Waiting this way holds no thread: a mock that answers in 5 s blocks nobody.
    public func schedule(after delay: Duration, _ task: @escaping @Sendable () -> Void) {
        let deadline = MonotonicClock.deadline(delay, after: MonotonicClock.now())
        if inEventLoop {
            _ = schedule(at: deadline, task)
        } else {
            execute { [self] in _ = schedule(at: deadline, task) }
        }
    }

    /// Schedules `action` at the monotonic `deadline`. Loop thread only.
    func schedule(at deadline: UInt64, _ action: @escaping () -> Void) -> ScheduledTimer {
        timers.schedule(at: deadline, action)
    }

    /// Registers a descriptor and returns its token. Loop thread only.
    func register(_ fd: Int32, interest: PollerInterest, exclusive: Bool = false, handler: any Selectable) -> Int {
        let token = nextToken
        nextToken += 1
        handlers[token] = handler
        poller.add(fd, token: token, interest: interest, exclusive: exclusive)
        return token
    }

    /// Changes what a registered descriptor waits for. Loop thread only.
    func reregister(_ fd: Int32, token: Int, interest: PollerInterest) {
        poller.modify(fd, token: token, interest: interest)
    }

    /// Forgets a descriptor; call before closing it. Loop thread only.
    func deregister(_ fd: Int32, token: Int) {
        poller.remove(fd)
        handlers[token] = nil
    }

    /// Stops the loop after the tasks already handed to it, and waits for its thread to end.
    /// Descriptors still registered are not closed: their owners close them first.
    func stop() {
        precondition(!inEventLoop, "an event loop cannot stop itself from its own thread")
        execute { [self] in stopRequested = true }
        finished.wait()
    }

    private func run() {
        while !stopRequested {
            let pending = !inbox.withLock { $0.isEmpty }
            let timeout = pending ? 0 : timers.millisecondsUntilNext(now: MonotonicClock.now())
            poller.wait(timeoutMilliseconds: timeout) { event in
                handlers[event.token]?.handle(event)
            }
            let tasks = inbox.withLock { queue -> [@Sendable () -> Void] in
                defer { queue.removeAll(keepingCapacity: true) }
                return queue
            }
            for task in tasks { task() }
            for timer in timers.popDue(now: MonotonicClock.now()) { timer.fire() }
        }
    }
}
