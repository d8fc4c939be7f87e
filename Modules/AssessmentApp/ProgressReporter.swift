import Foundation

/// Progress of a long import on stderr: rows, rate, time left. Silent when stderr is not a terminal,
/// so logs and CI output stay clean.
struct ProgressReporter {
    let total: Int
    let what: String
    private let started = Date()
    private var lastPrinted = Date.distantPast
    private let enabled = isatty(STDERR_FILENO) == 1

    init(total: Int, what: String) {
        self.total = total
        self.what = what
    }

    /// Counts the data lines of a file (all lines but the header) without decoding it; 0 without a terminal,
    /// where nothing is shown (a second pass over a large file for nothing).
    static func dataLines(in url: URL) -> Int {
        guard isatty(STDERR_FILENO) == 1, let handle = try? FileHandle(forReadingFrom: url) else { return 0 }
        defer { try? handle.close() }
        var lines = 0
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            lines += chunk.withUnsafeBytes { bytes in bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
        }
        return max(lines - 1, 0)
    }

    mutating func update(_ done: Int) {
        // The clock is read once in 256 rows: a million rows should not cost a million clock reads.
        guard enabled, done & 0xFF == 0 || done == total, Date().timeIntervalSince(lastPrinted) >= 0.5 else { return }
        lastPrinted = Date()
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Int(Double(max(total - done, 0)) / rate) : 0
        let percent = total > 0 ? min(100, done * 100 / total) : 0
        FileHandle.standardError.write(Data("\r\(what): \(done) из \(total) (\(percent) %), \(Int(rate)) в секунду, осталось ~\(left / 60):\(String(format: "%02d", left % 60))   ".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
