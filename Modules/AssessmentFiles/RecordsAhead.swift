import Foundation

/// A `ByteCSVReader` read on a thread of its own, a few batches of records ahead of the caller. Parsing was a tenth
/// of the responses reader's time, on the thread a bulk import waits for. Records change hands by swapping, so their
/// buffers go round without copies.
final class RecordsAhead: @unchecked Sendable {
    private final class Batch {
        var records: [ByteRecord] = []
        var count = 0
    }

    private let reader: ByteCSVReader
    private let batchRecords: Int
    private let condition = NSCondition()
    // Shared, under `condition`.
    private var ready: [Batch] = []
    private var free: [Batch]
    private var atEnd = false
    private var stopping = false
    private var stopped = false
    // The caller's own.
    private var current: Batch?
    private var index = 0
    private let done = DispatchSemaphore(value: 0)

    init(_ reader: ByteCSVReader, batchRecords: Int = 512, batches: Int = 4) {
        self.reader = reader
        self.batchRecords = batchRecords
        free = (0..<batches).map { _ in Batch() }
        let thread = Thread { [self] in read() }
        thread.start()
    }

    /// The next record that has any non-empty field, or false at the end of the file (`ByteCSVReader.next`).
    func next(into record: inout ByteRecord) -> Bool {
        while true {
            if let batch = current {
                if index < batch.count {
                    swap(&record, &batch.records[index])
                    index += 1
                    return true
                }
                condition.lock()
                free.append(batch)
                condition.broadcast()
                condition.unlock()
                current = nil
            }
            condition.lock()
            while ready.isEmpty && !atEnd { condition.wait() }
            guard !ready.isEmpty else {
                condition.unlock()
                return false
            }
            current = ready.removeFirst()
            condition.unlock()
            index = 0
        }
    }

    /// Lets the reading thread go, whether or not the caller read to the end, and waits for it. Later calls return.
    func stop() {
        condition.lock()
        if stopped {
            condition.unlock()
            return
        }
        stopped = true
        stopping = true
        condition.broadcast()
        condition.unlock()
        done.wait()
    }

    private func read() {
        defer { done.signal() }
        while true {
            condition.lock()
            while free.isEmpty && !stopping { condition.wait() }
            guard !stopping else {
                condition.unlock()
                return
            }
            let batch = free.removeFirst()
            condition.unlock()
            batch.count = 0
            var end = false
            while batch.count < batchRecords {
                if batch.records.count == batch.count { batch.records.append(ByteRecord()) }
                guard reader.next(into: &batch.records[batch.count]) else {
                    end = true
                    break
                }
                batch.count += 1
            }
            condition.lock()
            ready.append(batch)
            atEnd = end
            condition.broadcast()
            condition.unlock()
            if end { return }
        }
    }
}
