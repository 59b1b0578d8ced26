// A fixed-capacity FIFO that drops its oldest element when full: the journal's storage.

/// Holds at most `capacity` elements in arrival order; appending to a full buffer evicts the oldest.
struct RingBuffer<Element> {
    let capacity: Int
    /// Grows to `capacity`, then wraps: `head` is the oldest element once full.
    private var storage: [Element] = []
    private var head = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    var count: Int { storage.count }

    /// Appends `element` and returns the element it evicted, if the buffer was full.
    mutating func append(_ element: Element) -> Element? {
        guard storage.count == capacity else {
            storage.append(element)
            return nil
        }
        let evicted = storage[head]
        storage[head] = element
        head = (head + 1) % capacity
        return evicted
    }

    /// The element at `offset` from the oldest (0 = oldest).
    subscript(offset: Int) -> Element {
        get { storage[(head + offset) % storage.count] }
        set { storage[(head + offset) % storage.count] = newValue }
    }

    var first: Element? { storage.isEmpty ? nil : self[0] }

    /// Every element, oldest first.
    var elements: [Element] { Array(storage[head...] + storage[..<head]) }

    /// Empties the buffer and returns what it held, oldest first.
    mutating func removeAll() -> [Element] {
        let removed = elements
        storage.removeAll(keepingCapacity: true)
        head = 0
        return removed
    }
}
