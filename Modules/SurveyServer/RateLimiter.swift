import Foundation

/// Form posts per client in a sliding minute; a client over the limit gets 429 until the window moves.
actor RateLimiter {
    private let perMinute: Int
    private var recent: [String: [Date]] = [:]
    private var lastSweep = Date.distantPast

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Records a post by `client` at `now`; false when the client already used its minute.
    func allow(_ client: String, now: Date) -> Bool {
        guard perMinute > 0 else { return true }
        let windowStart = now.addingTimeInterval(-60)
        if now.timeIntervalSince(lastSweep) > 60 {
            // Forget clients that went quiet, so the table stays small under many addresses.
            recent = recent.filter { $0.value.contains { $0 > windowStart } }
            lastSweep = now
        }
        var times = recent[client, default: []].filter { $0 > windowStart }
        guard times.count < perMinute else {
            recent[client] = times
            return false
        }
        times.append(now)
        recent[client] = times
        return true
    }
}

/// Erases old client hashes at most once an hour, driven by incoming submissions (no timer to stop on shutdown).
/// A lock, not an actor: it is asked after every questionnaire, and a hop to an actor cost a thread switch each time.
final class HashRetention: @unchecked Sendable {
    private let lock = NSLock()
    private var lastRun = Date.distantPast

    func isDue(now: Date) -> Bool {
        lock.withLock {
            guard now.timeIntervalSince(lastRun) >= 3_600 else { return false }
            lastRun = now
            return true
        }
    }
}

/// Runs a blocking store call off the cooperative thread pool, so a slow disk never stalls request handling.
enum Blocking {
    private static let queue = DispatchQueue(label: "opennok.survey.store", qos: .userInitiated, attributes: .concurrent)

    /// Runs `body` on the same queue without waiting for it.
    static func start(_ body: @escaping @Sendable () -> Void) {
        queue.async(execute: body)
    }

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
