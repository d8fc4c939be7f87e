import Foundation

/// Answer counts of a bulk import, kept on a thread of their own. A row adds a dozen counters of a random
/// institution, each a likely cache miss: a fifth of the reader's time, while the writer's core sat half idle.
/// The reader queues keys in order (additions and, for rows the store refused, take-backs) and the counting thread
/// applies them in that order; `finish()` waits for it and returns the counts.
///
/// Each (question, answer, counted) gets a number in the order first seen, and an institution's counts are an array
/// by that number: the common answers, seen first, sit in a few cache lines at its start, so a row's counters share
/// those lines instead of falling one per line as in a hash table per institution.
final class AnswerCounter: @unchecked Sendable {
    /// Keys queued per hand-over.
    static let chunkKeys = 1 << 15
    /// Set on a queued key to take one back instead of adding one.
    static let takeBack: UInt64 = 1 << 62

    private let condition = NSCondition()
    // Shared, under `condition`.
    private var queued: [[UInt64]] = []
    private var spare: [[UInt64]] = []
    private var closed = false
    // The reader's own.
    private var filling: [UInt64] = []
    // The counting thread's own until `finish()`.
    private var numbers = DenseKeys()
    private var counts: [[Int32]]
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    init(organizations: Int) {
        counts = Array(repeating: [], count: organizations)
        filling.reserveCapacity(Self.chunkKeys)
        let thread = Thread { [self] in count() }
        thread.start()
    }

    /// Queues one added to `key` of `organization`.
    func add(_ key: UInt64, organization: Int) {
        filling.append(UInt64(organization) << 40 | key)
        if filling.count >= Self.chunkKeys { handOver() }
    }

    /// Queues one taken back from `key` of `organization`, added before.
    func takeBack(_ key: UInt64, organization: Int) {
        filling.append(UInt64(organization) << 40 | key | Self.takeBack)
        if filling.count >= Self.chunkKeys { handOver() }
    }

    /// Waits until every queued key is counted; each organisation's keys with a count above zero, in no particular
    /// order.
    func finish() -> [[(key: UInt64, count: Int)]] {
        stop()
        return counts.map { row in
            row.enumerated().compactMap { number, count in count > 0 ? (key: numbers.list[number], count: Int(count)) : nil }
        }
    }

    /// Lets the counting thread finish what is queued and end; waits for it. Later calls return at once.
    func stop() {
        if finished { return }
        finished = true
        handOver()
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        done.wait()
    }

    private func handOver() {
        condition.lock()
        // At most a few chunks wait: the reader slows to the counter's pace rather than holding a file of keys.
        while queued.count >= 4 { condition.wait() }
        queued.append(filling)
        filling = spare.popLast() ?? []
        condition.broadcast()
        condition.unlock()
        filling.removeAll(keepingCapacity: true)
    }

    private func count() {
        while true {
            condition.lock()
            while queued.isEmpty && !closed { condition.wait() }
            guard !queued.isEmpty else {
                condition.unlock()
                done.signal()
                return
            }
            var chunk = queued.removeFirst()
            condition.broadcast()
            condition.unlock()
            for entry in chunk {
                let organization = Int(truncatingIfNeeded: entry >> 40 & 0x3FFFFF)
                let number = numbers.number(of: entry & 0xFF_FFFF_FFFF | 1 << 63)
                if counts[organization].count <= number {
                    counts[organization].append(contentsOf: repeatElement(0, count: number + 1 - counts[organization].count))
                }
                counts[organization][number] += entry & Self.takeBack != 0 ? -1 : 1
            }
            chunk.removeAll(keepingCapacity: true)
            condition.lock()
            spare.append(chunk)
            condition.unlock()
        }
    }
}
