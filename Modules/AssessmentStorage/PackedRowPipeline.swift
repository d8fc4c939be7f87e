import AssessmentKernel
import Foundation

/// The bulk import on two cores: the reader (`rows`) runs on a thread of its own and fills batches of packed rows,
/// while the thread that holds the write transaction writes them. A few batches go round between the two (bounded
/// memory, buffers reused); a row the writer refuses goes back with its batch, so the reader learns of it by line.
final class PackedRowPipeline: PackedResponseSink, @unchecked Sendable {
    /// Rows of one batch, its buffers reused for the next.
    final class Batch {
        var rows = PackedRows()
        var refused: [RefusedRow] = []
    }

    let batchRows: Int
    let batchCount: Int
    var maxRowsInFlight: Int { batchRows * batchCount }

    // Shared between the two threads, under `condition`.
    private let condition = NSCondition()
    /// Batches full of rows, oldest first, for the writer.
    private var ready: [Batch] = []
    /// Batches the writer is done with (or not yet used), in the order it finished them.
    private var written: [Batch]
    /// The reader has returned: no more batches come.
    private var closed = false

    // The reader's own.
    private var filling: Batch?
    private var refused: [RefusedRow] = []

    init(batchRows: Int = 2048, batchCount: Int = 4) {
        precondition(batchRows > 0 && batchCount > 1)
        self.batchRows = batchRows
        self.batchCount = batchCount
        written = (0..<batchCount).map { _ in Batch() }
    }

    /// Runs `rows` on a new thread while this thread writes what it hands over through `write`; returns what
    /// `rows` returned, or throws what it threw. A refusal `rows` never collected throws its error.
    static func run<Summary>(batchRows: Int = 2048, batchCount: Int = 4,
                             _ rows: (_ sink: any PackedResponseSink) throws -> Summary,
                             writing write: (_ rows: PackedRows, _ refuse: (_ index: Int, _ error: any Error) -> Void) -> Void)
        throws -> Summary {
        let pipeline = PackedRowPipeline(batchRows: batchRows, batchCount: batchCount)
        return try withoutActuallyEscaping(rows) { rows in
            // The reader's closure is not Sendable; it runs only while this thread waits for it, then never again.
            let reader = ReaderThread(rows, pipeline: pipeline)
            reader.start()
            pipeline.drain(write)
            let result = reader.join()
            if case .success = result, let unread = pipeline.uncollectedRefusal() { throw unread.error }
            return try result.get()
        }
    }

    // MARK: The reader's side

    func insert(_ row: PackedResponse) {
        if filling == nil { filling = takeWritten() }
        let batch = filling!
        batch.rows.append(row)
        if batch.rows.count == batchRows { submitFilling() }
    }

    func refusedRows(waitingForAll: Bool) -> [RefusedRow] {
        if waitingForAll {
            if let batch = filling, batch.rows.count > 0 { submitFilling() }
            condition.lock()
            while written.count + (filling == nil ? 0 : 1) < batchCount { condition.wait() }
            for batch in written where !batch.refused.isEmpty {
                refused += batch.refused
                batch.refused.removeAll(keepingCapacity: true)
            }
            condition.unlock()
        }
        defer { refused.removeAll() }
        return refused
    }

    /// Called on the reader's thread once it has returned: a batch it left unsent still gets written.
    fileprivate func close() {
        if let batch = filling, batch.rows.count > 0 { submitFilling() }
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    private func submitFilling() {
        guard let batch = filling else { return }
        filling = nil
        condition.lock()
        ready.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch the writer is done with, its refusals kept for `refusedRows`.
    private func takeWritten() -> Batch {
        condition.lock()
        while written.isEmpty { condition.wait() }
        let batch = written.removeFirst()
        condition.unlock()
        if !batch.refused.isEmpty {
            refused += batch.refused
            batch.refused.removeAll(keepingCapacity: true)
        }
        batch.rows.removeAll()
        return batch
    }

    // MARK: The writer's side

    /// Writes batches as they come until the reader has returned and every batch is written.
    private func drain(_ write: (PackedRows, (Int, any Error) -> Void) -> Void) {
        while true {
            condition.lock()
            while ready.isEmpty && !closed { condition.wait() }
            guard !ready.isEmpty else {
                condition.unlock()
                return
            }
            let batch = ready.removeFirst()
            condition.unlock()
            write(batch.rows) { index, error in batch.refused.append(RefusedRow(line: batch.rows.rows[index].line, error: error)) }
            condition.lock()
            written.append(batch)
            condition.broadcast()
            condition.unlock()
        }
    }

    /// A refusal the reader did not collect (it stopped asking before the writer was done), if any.
    private func uncollectedRefusal() -> RefusedRow? {
        refused.first ?? written.lazy.compactMap(\.refused.first).first
    }
}

/// The reader's closure on a thread of its own, with a large stack like the main thread's.
private final class ReaderThread<Summary>: @unchecked Sendable {
    /// Let go of as soon as it returns: `withoutActuallyEscaping` checks that nothing holds it afterwards.
    private var rows: ((any PackedResponseSink) throws -> Summary)?
    private let pipeline: PackedRowPipeline
    private let finished = DispatchSemaphore(value: 0)
    private var result: Result<Summary, any Error>?

    init(_ rows: @escaping (any PackedResponseSink) throws -> Summary, pipeline: PackedRowPipeline) {
        self.rows = rows
        self.pipeline = pipeline
    }

    func start() {
        let thread = Thread { [self] in
            result = Result { try rows!(pipeline) }
            rows = nil
            pipeline.close()
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the reader; what it returned or threw.
    func join() -> Result<Summary, any Error> {
        finished.wait()
        return result!
    }
}
