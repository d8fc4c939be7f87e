import Dispatch

/// One throwing piece of work on another thread while the caller goes on; `wait()` returns when it has finished
/// and rethrows its error. For a long single-threaded step (the XLSX workbook's compression) beside others.
final class BackgroundJob: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written once before `leave()`, read only after `wait()`: the group orders the two.
    private var failure: (any Error)?

    init(_ work: @escaping @Sendable () throws -> Void) {
        group.enter()
        DispatchQueue.global().async { [self] in
            do { try work() } catch { failure = error }
            group.leave()
        }
    }

    func wait() throws {
        group.wait()
        if let failure { throw failure }
    }
}
