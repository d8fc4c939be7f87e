import Dispatch

/// One throwing piece of work on another thread while the caller goes on; `wait()` returns its value when it has
/// finished, or rethrows its error. For a long step beside others: the XLSX workbook's compression while the site is
/// written, the next chunk of scores while this one is stored, check-list marks read beside the answer counts.
public final class BackgroundJob<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written once before `leave()`, read only after `wait()`: the group orders the two.
    private var result: Result<Value, any Error>?

    public init(_ work: @escaping @Sendable () throws -> Value) {
        group.enter()
        DispatchQueue.global().async { [self] in
            result = Result { try work() }
            group.leave()
        }
    }

    public func wait() throws -> Value {
        group.wait()
        return try result!.get()
    }
}
