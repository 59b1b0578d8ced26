// A min-heap of timers owned by one event loop; cancellation marks a timer and the heap drops it when it surfaces.

/// A timer scheduled on an event loop. Touch it only on that loop's thread.
final class ScheduledTimer {
    let deadline: UInt64
    fileprivate let sequence: UInt64
    private var action: (() -> Void)?

    fileprivate init(deadline: UInt64, sequence: UInt64, action: @escaping () -> Void) {
        self.deadline = deadline
        self.sequence = sequence
        self.action = action
    }

    /// Stops the timer from firing; harmless after it fired.
    func cancel() { action = nil }
    var isCancelled: Bool { action == nil }

    /// Runs the action unless it was cancelled meanwhile (even by a timer due in the same batch); once at most.
    func fire() {
        guard let action else { return }
        self.action = nil
        action()
    }
}

/// Timers ordered by deadline, ties by scheduling order. Pure: the caller supplies the time.
struct TimerQueue {
    private var heap: [ScheduledTimer] = []
    private var sequence: UInt64 = 0

    var count: Int { heap.count }

    mutating func schedule(at deadline: UInt64, _ action: @escaping () -> Void) -> ScheduledTimer {
        sequence &+= 1
        let timer = ScheduledTimer(deadline: deadline, sequence: sequence, action: action)
        heap.append(timer)
        siftUp(heap.count - 1)
        return timer
    }

    /// Milliseconds until the earliest live timer is due, rounded up; -1 when there is none.
    mutating func millisecondsUntilNext(now: UInt64) -> Int32 {
        while let first = heap.first, first.isCancelled { removeFirst() }
        guard let first = heap.first else { return -1 }
        guard first.deadline > now else { return 0 }
        let milliseconds = (first.deadline - now + 999_999) / 1_000_000
        return Int32(min(milliseconds, UInt64(Int32.max)))
    }

    /// Removes and returns every live timer due at `now`, earliest first. Call `fire()` on each.
    mutating func popDue(now: UInt64) -> [ScheduledTimer] {
        var due: [ScheduledTimer] = []
        while let first = heap.first, first.deadline <= now || first.isCancelled {
            removeFirst()
            if !first.isCancelled { due.append(first) }
        }
        return due
    }

    private mutating func removeFirst() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        heap[a].deadline != heap[b].deadline ? heap[a].deadline < heap[b].deadline : heap[a].sequence < heap[b].sequence
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var first = parent
            if left < heap.count, precedes(left, first) { first = left }
            if right < heap.count, precedes(right, first) { first = right }
            if first == parent { return }
            heap.swapAt(parent, first)
            parent = first
        }
    }
}
