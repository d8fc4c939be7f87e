/// Where a campaign stage stands on a given day.
public enum StageStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Its period has not begun.
    case planned
    /// Its period is open and the due date is today or later.
    case inProgress = "in_progress"
    case done
    /// A due date has passed without completion.
    case overdue

    public var title: String {
        switch self {
        case .planned: "запланирован"
        case .inProgress: "выполняется"
        case .done: "выполнен"
        case .overdue: "просрочен"
        }
    }
}

/// A stage's status on a day, with the due date that matters and a Russian sentence for the user.
public struct StageProgress: Sendable, Equatable {
    public var status: StageStatus
    /// The missed due date when overdue, otherwise the next one; nil when done, continuous or undated.
    public var due: Day?
    /// Days from today to `due`: 0 on the day, negative when overdue.
    public var daysLeft: Int?
    /// Not done, and due within the warning period (today included).
    public var isDueSoon: Bool
    public var message: String

    public init(status: StageStatus, due: Day? = nil, daysLeft: Int? = nil, isDueSoon: Bool = false, message: String) {
        self.status = status
        self.due = due
        self.daysLeft = daysLeft
        self.isDueSoon = isDueSoon
        self.message = message
    }

    /// The status of a stage whose deadline may not resolve («по мере необходимости», an unknown event).
    ///
    /// `completed` is the day of the latest completion; `today` is always passed in, never read from a clock.
    public static func evaluate(
        window: DeadlineWindow?, completed: Day?, today: Day, dueSoonWithin days: Int = 7
    ) -> StageProgress {
        if let window { return window.progress(completed: completed, today: today, dueSoonWithin: days) }
        if let completed { return StageProgress(status: .done, message: "Выполнен \(completed.russian).") }
        return StageProgress(status: .planned, message: "Срок не определён.")
    }
}

extension DeadlineWindow {
    /// The stage's status on `today`, given the day of its latest completion (if any).
    ///
    /// For several periods (a recurring stage, «1 и 4 квартал») the latest completion covers its own
    /// period and all earlier ones; the first period without completion decides. A completion before
    /// the first period counts for it (done early). A continuous stage is never overdue.
    public func progress(completed: Day?, today: Day, dueSoonWithin days: Int = 7) -> StageProgress {
        if isContinuous {
            if let completed { return StageProgress(status: .done, message: "Выполнен \(completed.russian).") }
            if today < start {
                return StageProgress(status: .planned, message: "Запланирован с \(start.russian), ведётся постоянно.")
            }
            return StageProgress(status: .inProgress, message: "Ведётся постоянно, без срока.")
        }

        var covered = -1
        if let completed {
            covered = periods.lastIndex { $0.start <= completed } ?? 0
        }
        guard covered + 1 < periods.count else {
            let completed = completed ?? end
            let due = periods[covered].end
            let late = due.days(until: completed)
            let suffix = late > 0 ? " (позже срока \(due.russian) на \(late) дн.)" : ""
            return StageProgress(status: .done, message: "Выполнен \(completed.russian)\(suffix).")
        }

        let open = periods[covered + 1]
        let left = today.days(until: open.end)
        if left < 0 {
            return StageProgress(
                status: .overdue, due: open.end, daysLeft: left,
                message: "Просрочен: срок \(open.end.russian) прошёл \(-left) дн. назад.")
        }
        let soon = left <= days
        let when = left == 0 ? "сегодня" : "через \(left) дн."
        if today < open.start {
            return StageProgress(
                status: .planned, due: open.end, daysLeft: left, isDueSoon: soon,
                message: "Запланирован: с \(open.start.russian), срок \(open.end.russian) (\(when)).")
        }
        return StageProgress(
            status: .inProgress, due: open.end, daysLeft: left, isDueSoon: soon,
            message: "Выполняется, срок \(open.end.russian) (\(when)).")
    }
}
