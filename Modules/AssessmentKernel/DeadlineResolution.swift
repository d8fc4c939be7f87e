public import Foundation

/// Days from `start` to `end`, both included.
public struct DayRange: Sendable, Hashable, CustomStringConvertible {
    public var start: Day
    public var end: Day

    public init(_ start: Day, _ end: Day) {
        self.start = min(start, end)
        self.end = max(start, end)
    }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }
    public var description: String { "\(start.iso)…\(end.iso)" }
}

/// When a stage runs in a campaign year: one period, or several (recurring stages, «1 и 4 квартал»).
///
/// The stage is due at the end of each period, except a continuous one («постоянно»), which is never due.
public struct DeadlineWindow: Sendable, Equatable {
    /// In order, never empty.
    public let periods: [DayRange]
    public let isContinuous: Bool
    /// Parts of the deadline that gave no dates, in Russian («по мере необходимости — …»).
    public let notes: [String]

    public init(periods: [DayRange], isContinuous: Bool = false, notes: [String] = []) {
        precondition(!periods.isEmpty, "A deadline window needs at least one period")
        self.periods = Array(Set(periods)).sorted { ($0.end, $0.start) < ($1.end, $1.start) }
        self.isContinuous = isContinuous
        self.notes = notes
    }

    public init(_ start: Day, _ end: Day) { self.init(periods: [DayRange(start, end)]) }

    public var start: Day { periods.map(\.start).min() ?? periods[0].start }
    public var end: Day { periods[periods.count - 1].end }
    /// The days the stage is due: the end of each period; none for a continuous stage.
    public var dueDates: [Day] { isContinuous ? [] : periods.map(\.end) }
}

/// A deadline made concrete for a year, or the reason it cannot be, in Russian.
public enum DeadlineResolution: Sendable, Equatable {
    case window(DeadlineWindow)
    case unresolved(reason: String)

    public var window: DeadlineWindow? {
        if case .window(let window) = self { return window }
        return nil
    }

    public var reason: String? {
        if case .unresolved(let reason) = self { return reason }
        return nil
    }
}

extension Deadline {
    /// Concrete days for a campaign `year`, or nil (see `resolution` for the reason).
    ///
    /// `events` maps a `PlanEvent.key` («assessment_completed», «improvement_plan») to its date;
    /// the calendar day is taken in `timeZone`.
    public func resolve(year: Int, events: [String: Date] = [:], timeZone: TimeZone = Day.utc) -> DeadlineWindow? {
        resolution(year: year, events: events, timeZone: timeZone).window
    }

    public func resolution(year: Int, events: [String: Date], timeZone: TimeZone = Day.utc) -> DeadlineResolution {
        resolution(year: year, eventDays: events.mapValues { Day($0, timeZone: timeZone) })
    }

    /// The rules, for a campaign year Y:
    /// - a written year must be Y (a programme's «4 квартал 2016 3 квартал 2017» gives the 2017 part in 2017);
    ///   «до 1 января» of Y + 1 belongs to Y;
    /// - «до дня» runs from 1 January of Y; a month, months, a quarter or a year cover whole months;
    ///   «ноябрь – февраль» ends in Y + 1;
    /// - «ежегодно», «ежеквартально», «ежемесячно» give one period per year, quarter, month;
    ///   «постоянно» is the whole year, never due;
    /// - «после события» runs from the event's day for `days` days, or to the end of Y if none are given;
    ///   «в сроки события» runs to the event's day; unknown event dates leave the deadline unresolved;
    /// - «по мере необходимости», an empty cell and unrecognised text never resolve.
    public func resolution(year: Int, eventDays: [String: Day]) -> DeadlineResolution {
        switch part(year: year, events: eventDays) {
        case .window(let window): .window(window)
        case .otherYear(let reason), .unresolved(let reason): .unresolved(reason: reason)
        }
    }

    private enum Part {
        case window(DeadlineWindow)
        /// Written for another year: silently skipped inside `.several`.
        case otherYear(String)
        case unresolved(String)
    }

    private func part(year: Int, events: [String: Day]) -> Part {
        let january1 = Day.clamped(year: year, month: 1, day: 1)
        let december31 = Day.clamped(year: year, month: 12, day: 31)
        func otherYear(_ written: Int) -> Part {
            .otherYear("Срок «\(self)» относится к \(written) г., а не к \(year) г.")
        }
        func whole(_ from: Int, _ to: Int, _ written: Int?) -> Part {
            if let written, written != year { return otherYear(written) }
            let endYear = to < from ? year + 1 : year
            return .window(DeadlineWindow(Day.firstOfMonth(from, year: year), Day.lastOfMonth(to, year: endYear)))
        }

        switch self {
        case .on(let day, let month, let written):
            if let written, written != year { return otherYear(written) }
            let date = Day.clamped(year: year, month: month, day: day)
            return .window(DeadlineWindow(date, date))
        case .by(let day, let month, let written):
            // «до 1 января» closes the previous year.
            let newYear = day == 1 && month == 1
            let dueYear = written ?? (newYear ? year + 1 : year)
            guard dueYear == (newYear ? year + 1 : year) else { return otherYear(newYear ? dueYear - 1 : dueYear) }
            return .window(DeadlineWindow(january1, Day.clamped(year: dueYear, month: month, day: day)))
        case .month(let month, let written):
            return whole(month, month, written)
        case .months(let from, let to, let written):
            return whole(from, to, written)
        case .quarter(let quarter, let written):
            return whole(quarter * 3 - 2, quarter * 3, written)
        case .year(let written):
            return whole(1, 12, written)
        case .recurring(.continuous):
            return .window(DeadlineWindow(periods: [DayRange(january1, december31)], isContinuous: true))
        case .recurring(.every(let months)):
            let step = min(max(months, 1), 12)
            let periods = stride(from: 1, through: 12, by: step).map { first in
                DayRange(Day.firstOfMonth(first, year: year), Day.lastOfMonth(min(first + step - 1, 12), year: year))
            }
            return .window(DeadlineWindow(periods: periods))
        case .asNeeded:
            return .unresolved("Срок «по мере необходимости»: план не задаёт дату, этап выполняется, когда потребуется.")
        case .after(let event, let days):
            guard let day = events[event.key] else {
                return .unresolved("Срок наступает после события «\(event.title)», дата которого ещё не известна.")
            }
            let end = days.map { day.adding(days: $0) } ?? max(day, december31)
            return .window(DeadlineWindow(day, end))
        case .byEvent(let event):
            guard let day = events[event.key] else {
                return .unresolved("Срок задаёт событие «\(event.title)», дата которого ещё не известна.")
            }
            return .window(DeadlineWindow(min(january1, day), day))
        case .atMeeting(_, let inner):
            return inner.part(year: year, events: events)
        case .several(let parts):
            return Self.combine(parts.map { ($0, $0.part(year: year, events: events)) }, year: year, text: "\(self)")
        case .unspecified:
            return .unresolved("Срок в плане не указан.")
        case .other(let text):
            return .unresolved("Срок «\(text.trimmingCharacters(in: .whitespacesAndNewlines))» не распознан: укажите дату этапа вручную.")
        }
    }

    /// One window from the parts that resolve; the others become notes.
    private static func combine(_ parts: [(Deadline, Part)], year: Int, text: String) -> Part {
        var windows: [DeadlineWindow] = []
        var notes: [String] = []
        for (_, part) in parts {
            switch part {
            case .window(let window): windows.append(window)
            case .otherYear: break
            case .unresolved(let reason): notes.append(reason)
            }
        }
        guard !windows.isEmpty else {
            if notes.isEmpty { return .otherYear("Срок «\(text)» не приходится на \(year) г.") }
            return .unresolved(notes.joined(separator: " "))
        }
        let dated = windows.filter { !$0.isContinuous }
        let periods = (dated.isEmpty ? windows : dated).flatMap(\.periods)
        if !dated.isEmpty, dated.count < windows.count {
            notes.append("Часть работ ведётся постоянно, без срока.")
        }
        return .window(DeadlineWindow(
            periods: periods, isContinuous: dated.isEmpty, notes: windows.flatMap(\.notes) + notes))
    }
}
