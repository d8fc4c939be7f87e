/// A stage's deadline as municipal plans write it: a date, a month, a quarter, a recurrence, an event.
///
/// `Deadline.parse` reads the plan's own text; `resolution(year:events:)` turns it into days for a
/// campaign year. A year written in the text is kept (`year: 2016`); nil means "the plan's year".
public enum Deadline: Sendable, Hashable {
    /// On that day: «15.04.2025», «1 апреля 2025 г.».
    case on(day: Int, month: Int, year: Int?)
    /// No later than that day: «до 1 апреля», «до 01 января 2014 г.», «не позднее 15 апреля».
    case by(day: Int, month: Int, year: Int?)
    /// During a month: «апрель», «в ноябре».
    case month(Int, year: Int?)
    /// From the start of one month to the end of another: «май–октябрь», «Май- октябрь», «с мая по октябрь».
    case months(from: Int, to: Int, year: Int?)
    /// During a quarter: «I квартал», «в течение 2 квартала», «3 квартал 2016».
    case quarter(Int, year: Int?)
    /// During a year: «2018 год», «2016», «в течение года».
    case year(Int?)
    /// Again and again: «ежегодно», «1 раз в квартал», «ежемесячно», «постоянно».
    case recurring(Recurrence)
    /// «По мере необходимости»: no date at all.
    case asNeeded
    /// After an event, within so many days if the text says: «по завершению проверки», «в течение 10 дней после …».
    case after(PlanEvent, days: Int?)
    /// By the date an event sets: «в сроки, установленные планом».
    case byEvent(PlanEvent)
    /// At a meeting of a body, within the inner deadline: «На заседании Общественной палаты до 1 апреля».
    indirect case atMeeting(body: String, Deadline)
    /// Several deadlines for one stage: «4 квартал 2016 3 квартал 2017», «1 и 4 квартал 2017».
    case several([Deadline])
    /// The plan leaves the cell empty.
    case unspecified
    /// Text the parser does not understand, kept as written.
    case other(String)
}

/// How often a recurring stage is due.
public enum Recurrence: Sendable, Hashable {
    /// Due at the end of every period of so many months (1, 2, 3, 4, 6 or 12), counted from 1 January.
    case every(months: Int)
    /// «Постоянно»: runs all year, never due.
    case continuous

    public static let monthly = Recurrence.every(months: 1)
    public static let quarterly = Recurrence.every(months: 3)
    public static let halfYearly = Recurrence.every(months: 6)
    public static let annually = Recurrence.every(months: 12)

    public var title: String {
        switch self {
        case .continuous: "постоянно"
        case .every(months: 1): "ежемесячно"
        case .every(months: 3): "ежеквартально"
        case .every(months: 6): "раз в полугодие"
        case .every(months: 12): "ежегодно"
        case .every(let months): "раз в \(months) мес."
        }
    }
}

/// An event a deadline is tied to. Its date is looked up in `events` by `key`.
public enum PlanEvent: Sendable, Hashable {
    /// The assessment (the operator's check) is finished: «по завершению проверки», «после проведения независимой оценки».
    case assessmentCompleted
    /// Dates set by the improvement plan (Постановление № 457): «в сроки, установленные планом».
    case improvementPlan
    /// Any other event, as the text names it («утверждения результатов»); its key is that text in lower case.
    case other(String)

    public var key: String {
        switch self {
        case .assessmentCompleted: "assessment_completed"
        case .improvementPlan: "improvement_plan"
        case .other(let text): text.lowercased()
        }
    }

    public var title: String {
        switch self {
        case .assessmentCompleted: "завершение независимой оценки"
        case .improvementPlan: "сроки плана по устранению недостатков"
        case .other(let text): text
        }
    }
}

extension Deadline: CustomStringConvertible {
    /// The deadline in plain Russian, the same however the plan spelled it.
    public var description: String {
        switch self {
        case .on(let day, let month, let year):
            "\(day) \(RussianMonths.genitive(month))\(Self.yearSuffix(year))"
        case .by(let day, let month, let year):
            "до \(day) \(RussianMonths.genitive(month))\(Self.yearSuffix(year))"
        case .month(let month, let year):
            "\(RussianMonths.nominative(month))\(Self.yearSuffix(year))"
        case .months(let from, let to, let year):
            "\(RussianMonths.nominative(from)) – \(RussianMonths.nominative(to))\(Self.yearSuffix(year))"
        case .quarter(let quarter, let year):
            "\(RussianMonths.roman(quarter)) квартал\(Self.yearSuffix(year))"
        case .year(let year):
            year.map { "\($0) год" } ?? "в течение года"
        case .recurring(let recurrence):
            recurrence.title
        case .asNeeded:
            "по мере необходимости"
        case .after(let event, let days):
            days.map { "в течение \($0) дн. после события «\(event.title)»" } ?? "после события «\(event.title)»"
        case .byEvent(let event):
            "в сроки события «\(event.title)»"
        case .atMeeting(let body, let inner):
            "на заседании \(body), \(inner)"
        case .several(let parts):
            parts.map(\.description).joined(separator: "; ")
        case .unspecified:
            "срок не указан"
        case .other(let text):
            text
        }
    }

    private static func yearSuffix(_ year: Int?) -> String { year.map { " \($0) г." } ?? "" }

    /// False only for text the parser kept as `.other`.
    public var isUnderstood: Bool {
        switch self {
        case .other: false
        case .atMeeting(_, let inner): inner.isUnderstood
        case .several(let parts): parts.allSatisfy(\.isUnderstood)
        default: true
        }
    }

    /// The same deadline with every written year moved by `years` (a template made for 2018 used in 2025).
    public func shiftingYears(by years: Int) -> Deadline {
        guard years != 0 else { return self }
        let shift: (Int?) -> Int? = { $0.map { $0 + years } }
        return switch self {
        case .on(let day, let month, let year): .on(day: day, month: month, year: shift(year))
        case .by(let day, let month, let year): .by(day: day, month: month, year: shift(year))
        case .month(let month, let year): .month(month, year: shift(year))
        case .months(let from, let to, let year): .months(from: from, to: to, year: shift(year))
        case .quarter(let quarter, let year): .quarter(quarter, year: shift(year))
        case .year(let year): .year(shift(year))
        case .atMeeting(let body, let inner): .atMeeting(body: body, inner.shiftingYears(by: years))
        case .several(let parts): .several(parts.map { $0.shiftingYears(by: years) })
        case .recurring, .asNeeded, .after, .byEvent, .unspecified, .other: self
        }
    }
}

/// Russian month names for output; the parser's forms live in `DeadlineParser`.
enum RussianMonths {
    static let nominatives = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                              "сентябрь", "октябрь", "ноябрь", "декабрь"]
    static let genitives = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                            "сентября", "октября", "ноября", "декабря"]

    static func nominative(_ month: Int) -> String { (1...12).contains(month) ? nominatives[month - 1] : "?" }
    static func genitive(_ month: Int) -> String { (1...12).contains(month) ? genitives[month - 1] : "?" }
    static func roman(_ quarter: Int) -> String { ["I", "II", "III", "IV"][min(max(quarter, 1), 4) - 1] }
}
