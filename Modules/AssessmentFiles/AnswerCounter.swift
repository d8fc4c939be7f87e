import Foundation

/// Answer counts of a bulk import, kept on a thread of their own. A row adds a dozen counters of a random
/// institution, each a likely cache miss: a fifth of the reader's time, while the writer's core sat half idle.
/// The reader queues keys in order (additions and, for rows the store refused, take-backs) and the counting thread
/// applies them in that order; `finish()` waits for it and returns the tables.
final class AnswerCounter: @unchecked Sendable {
    /// Keys queued per hand-over.
    static let chunkKeys = 1 << 15
    /// Set on a queued key to take one back instead of adding one.
    static let takeBack: UInt64 = 1 << 62

    private let organizations: Int
    private let condition = NSCondition()
    // Shared, under `condition`.
    private var queued: [[UInt64]] = []
    private var spare: [[UInt64]] = []
    private var closed = false
    // The reader's own.
    private var filling: [UInt64] = []
    // The counting thread's own until `finish()`.
    private var tables: [CountTable]
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    init(organizations: Int) {
        self.organizations = organizations
        tables = Array(repeating: CountTable(capacity: 32), count: organizations)
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

    /// Waits until every queued key is counted; the table of each organisation. Later calls return the same.
    func finish() -> [CountTable] {
        if finished { return tables }
        finished = true
        handOver()
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        done.wait()
        return tables
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
                let key = entry & 0xFF_FFFF_FFFF | 1 << 63
                if entry & Self.takeBack != 0 { tables[organization].decrement(key) } else { tables[organization].increment(key) }
            }
            chunk.removeAll(keepingCapacity: true)
            condition.lock()
            spare.append(chunk)
            condition.unlock()
        }
    }
}
