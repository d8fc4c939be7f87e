/// Collects the problems of one file up to a cap, so a broken million-row file does not fill memory.
struct ProblemCollector {
    let file: String
    let format: DetectedFormat?
    private(set) var problems: [DataFileProblem] = []
    private(set) var omitted = 0
    static let cap = 5000

    init(file: String, format: DetectedFormat? = nil) {
        self.file = file
        self.format = format
    }

    var isEmpty: Bool { problems.isEmpty && omitted == 0 }
    var count: Int { problems.count + omitted }

    mutating func add(line: Int, field: String? = nil, value: String? = nil, _ message: String) {
        guard problems.count < Self.cap else {
            omitted += 1
            return
        }
        problems.append(DataFileProblem(file: file, line: line, field: field, value: value, message: message))
    }

    /// Adds the problem of a row whose later rows were read first (a row the store refused after the reader had moved
    /// on), keeping what the collector holds as if it had come in line order: when it is full, the problem takes the
    /// place of the last one of the latest line after it, and that one is counted as omitted instead.
    mutating func addLate(line: Int, _ message: String) {
        guard problems.count >= Self.cap else {
            add(line: line, message)
            return
        }
        omitted += 1
        guard let latestLine = problems.map(\.line).max(), latestLine > line,
              let latest = problems.lastIndex(where: { $0.line == latestLine }) else { return }
        problems.remove(at: latest)
        problems.append(DataFileProblem(file: file, line: line, message: message))
    }

    /// Removes and returns the problems added after the collector held `count` of them (one row's, under --skip-invalid).
    mutating func take(since count: Int) -> [DataFileProblem] {
        let start = min(count, problems.count)
        defer { problems.removeSubrange(start...) }
        return Array(problems[start...])
    }

    /// Throws everything collected so far, in line order.
    func check() throws(DataFileError) {
        guard !isEmpty else { return }
        throw error
    }

    var error: DataFileError {
        let ordered = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return DataFileError(problems: ordered, omitted: omitted, format: format)
    }
}
