import AssessmentKernel

/// Rows of a bulk import as the writer takes them: every row's text in one buffer, so a group of rows is bound
/// from one pointer, and the buffers are reused from batch to batch.
struct PackedRows {
    struct Row {
        var line: Int
        var externalID: Range<Int>
        var organization: Range<Int>
        var channel: Range<Int>
        var submittedAt: Range<Int>?
        var answers: Range<Int>
        var ignored: Range<Int>
        var comments: [(question: QuestionID, text: String)]
    }

    private(set) var bytes: [UInt8] = []
    private(set) var rows: [Row] = []

    var count: Int { rows.count }

    /// Copies `row`, its ranges moved to where its text lands in `bytes`.
    mutating func append(_ row: PackedResponse) {
        let base = bytes.count
        bytes.append(contentsOf: row.bytes)
        func moved(_ range: Range<Int>) -> Range<Int> { range.lowerBound + base..<range.upperBound + base }
        rows.append(Row(line: row.line, externalID: moved(row.externalID), organization: moved(row.organization),
                        channel: moved(row.channel), submittedAt: row.submittedAt.map(moved), answers: moved(row.answers),
                        ignored: moved(row.ignored), comments: row.comments))
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
    }

    func text(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}
