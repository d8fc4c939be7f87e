import AssessmentKernel
import Foundation
import Testing
import TestSupport

/// A deadline as a plan writes it and what the parser must make of it.
struct DeadlineCase: Sendable, CustomTestStringConvertible {
    var text: String
    var expected: Deadline
    var testDescription: String { text.debugDescription }

    init(_ text: String, _ expected: Deadline) {
        self.text = text
        self.expected = expected
    }
}

/// A deadline resolved for a year: the expected periods as ISO days, or nil when it must not resolve.
struct ResolutionCase: Sendable, CustomTestStringConvertible {
    var text: String
    var year: Int
    var periods: [String]?
    var testDescription: String { "\(text.debugDescription) in \(year)" }

    init(_ text: String, _ year: Int, _ periods: [String]?) {
        self.text = text
        self.year = year
        self.periods = periods
    }
}

private func day(_ iso: String) -> Day { Day(iso: iso)! }

private func periods(_ window: DeadlineWindow?) -> [String]? {
    window?.periods.map { "\($0.start.iso)…\($0.end.iso)" }
}

@Suite("Plans: deadlines, their dates and stage status")
struct PlanTests {
    // MARK: Every deadline of Configs/plans, copied from the seeds

    static let seedDeadlines: [DeadlineCase] = [
        // Kaspiysk (seeds/000)
        DeadlineCase("до 1 апреля", .by(day: 1, month: 4, year: nil)),
        DeadlineCase("На  заседании Общественной палаты  до 1 апреля",
                     .atMeeting(body: "Общественной палаты", .by(day: 1, month: 4, year: nil))),
        DeadlineCase("До 15 апреля", .by(day: 15, month: 4, year: nil)),
        DeadlineCase("апрель", .month(4, year: nil)),
        DeadlineCase("Май- октябрь", .months(from: 5, to: 10, year: nil)),
        DeadlineCase("ноябрь", .month(11, year: nil)),
        // Dalnegorsk (seeds/001)
        DeadlineCase("1 раз в квартал", .recurring(.quarterly)),
        DeadlineCase("3 квартал 2016", .quarter(3, year: 2016)),
        DeadlineCase("По мере необходимости", .asNeeded),
        DeadlineCase("4 квартал 2016\n3 квартал 2017", .several([.quarter(4, year: 2016), .quarter(3, year: 2017)])),
        DeadlineCase("4 квартал 2016\n4 квартал 2017", .several([.quarter(4, year: 2016), .quarter(4, year: 2017)])),
        DeadlineCase("1 квартал 2017\n4 квартал 2017", .several([.quarter(1, year: 2017), .quarter(4, year: 2017)])),
        DeadlineCase("3 квартал 2017\n1 квартал 2018", .several([.quarter(3, year: 2017), .quarter(1, year: 2018)])),
        DeadlineCase("2 квартал 2017 года", .quarter(2, year: 2017)),
        DeadlineCase("2016\n2017\n2018", .several([.year(2016), .year(2017), .year(2018)])),
        DeadlineCase("1 и 4 квартал 2017", .several([.quarter(1, year: 2017), .quarter(4, year: 2017)])),
        DeadlineCase("4 квартал2016\n4 квартал 2017", .several([.quarter(4, year: 2016), .quarter(4, year: 2017)])),
        DeadlineCase("1 квартал 2017\n1 квартал 2018", .several([.quarter(1, year: 2017), .quarter(1, year: 2018)])),
        DeadlineCase("В сроки установленные планом", .byEvent(.improvementPlan)),
        DeadlineCase("ежегодно", .recurring(.annually)),
        DeadlineCase("После проведения независимой оценки", .after(.assessmentCompleted, days: nil)),
        // Kilmez (seeds/002)
        DeadlineCase("май -июнь", .months(from: 5, to: 6, year: nil)),
        DeadlineCase("май-июнь", .months(from: 5, to: 6, year: nil)),
        DeadlineCase("август-\nсентябрь", .months(from: 8, to: 9, year: nil)),
        DeadlineCase("сентябрь-\nоктябрь", .months(from: 9, to: 10, year: nil)),
        DeadlineCase("сентябрь-октябрь", .months(from: 9, to: 10, year: nil)),
        DeadlineCase("декабрь", .month(12, year: nil)),
        // Zeya (seeds/003)
        DeadlineCase("Январь- февраль", .months(from: 1, to: 2, year: nil)),
        DeadlineCase("2018 год", .year(2018)),
        DeadlineCase("Октябрь", .month(10, year: nil)),
        DeadlineCase("По завершению проверки", .after(.assessmentCompleted, days: nil)),
        DeadlineCase("Март-октябрь", .months(from: 3, to: 10, year: nil)),
        DeadlineCase("IV квартал 2018 года", .quarter(4, year: 2018)),
        // Amur (seeds/004)
        DeadlineCase("до 01 января 2014 г. ежегодно постоянно ежегодно", .several([
            .by(day: 1, month: 1, year: 2014), .recurring(.annually), .recurring(.continuous), .recurring(.annually),
        ])),
        DeadlineCase("до 01 января 2014 г.", .by(day: 1, month: 1, year: 2014)),
        DeadlineCase("постоянно", .recurring(.continuous)),
    ]

    @Test("Every deadline written in the five seed plans is understood", arguments: seedDeadlines)
    func seedDeadline(_ sample: DeadlineCase) {
        let parsed = Deadline.parse(sample.text)
        #expect(parsed == sample.expected)
        #expect(parsed.isUnderstood)
    }

    // MARK: Other spellings plans use

    static let otherSpellings: [DeadlineCase] = [
        DeadlineCase("I квартал", .quarter(1, year: nil)),
        DeadlineCase("в течение 2 квартала", .quarter(2, year: nil)),
        DeadlineCase("в течении III квартала 2025 г.", .quarter(3, year: 2025)),
        DeadlineCase("в 3 квартале", .quarter(3, year: nil)),
        DeadlineCase("I–II квартал", .months(from: 1, to: 6, year: nil)),
        DeadlineCase("ежемесячно", .recurring(.monthly)),
        DeadlineCase("ежеквартально", .recurring(.quarterly)),
        DeadlineCase("2 раза в год", .recurring(.halfYearly)),
        DeadlineCase("раз в полугодие", .recurring(.halfYearly)),
        DeadlineCase("в течение года", .year(nil)),
        DeadlineCase("15.04.2025", .on(day: 15, month: 4, year: 2025)),
        DeadlineCase("1 апреля 2025 года", .on(day: 1, month: 4, year: 2025)),
        DeadlineCase("не позднее 15 мая", .by(day: 15, month: 5, year: nil)),
        DeadlineCase("до конца февраля", .by(day: 29, month: 2, year: nil)),
        DeadlineCase("ежегодно до 1 апреля", .by(day: 1, month: 4, year: nil)),
        DeadlineCase("в апреле", .month(4, year: nil)),
        DeadlineCase("в мае 2025 года", .month(5, year: 2025)),
        DeadlineCase("с мая по октябрь", .months(from: 5, to: 10, year: nil)),
        DeadlineCase("МАЙ — ОКТЯБРЬ", .months(from: 5, to: 10, year: nil)),
        DeadlineCase("май\u{2013}октябрь", .months(from: 5, to: 10, year: nil)),
        DeadlineCase("  ноябрь \u{2212} февраль  ", .months(from: 11, to: 2, year: nil)),
        DeadlineCase("апрель, ноябрь", .several([.month(4, year: nil), .month(11, year: nil)])),
        DeadlineCase("по завершении оценки", .after(.assessmentCompleted, days: nil)),
        DeadlineCase("в течение 10 дней после утверждения результатов",
                     .after(.other("утверждения результатов"), days: 10)),
        DeadlineCase("в течение 30 календарных дней со дня получения отчёта оператора",
                     .after(.other("получения отчёта оператора"), days: 30)),
        DeadlineCase("в сроки, установленные планом", .byEvent(.improvementPlan)),
        DeadlineCase("", .unspecified),
        DeadlineCase(" \n ", .unspecified),
    ]

    @Test("Other spellings: Roman quarters, «в течение», cases of months, any dash, extra spaces", arguments: otherSpellings)
    func otherSpelling(_ sample: DeadlineCase) {
        #expect(Deadline.parse(sample.text) == sample.expected)
    }

    static let unknownTexts = [
        "когда-нибудь", "после 1 апреля", "31 апреля", "до 30 февраля", "5 квартал 2025", "0 раз в год",
        "5 раз в год", "в течение 10 рабочих дней после оценки", "на заседании совета", "на заседании",
        "—", "-", ",", "и", "до", "в", "квартал", "1 и", "2016-2018", "12.13.2025", "99.99.9999",
        "апрель 1812 1905 года года", "31.02.2024", "апрель или май",
        String(repeating: "до 1 апреля ", count: 200) + "потом",
    ]

    @Test("Text the parser does not understand becomes .other with the text kept", arguments: unknownTexts)
    func unknownText(_ text: String) {
        let parsed = Deadline.parse(text)
        #expect(parsed == .other(text))
        #expect(!parsed.isUnderstood)
        #expect(parsed.description == text)
        let resolution = parsed.resolution(year: 2025, eventDays: [:])
        #expect(resolution.window == nil)
        #expect(resolution.reason?.contains("не распознан") == true)
    }

    @Test("Random token soup never crashes the parser, and whatever it keeps resolves or explains itself")
    func tokenSoup() {
        let pieces = ["до", "1", "01", "15", "31", "апреля", "мая", "май", "-", "–", ",", "и", "квартал", "IV", "2016",
                      "2025 г.", "года", "ежегодно", "постоянно", "раз", "в", "течение", "дней", "после", "оценки",
                      "по", "мере", "необходимости", "на", "заседании", "совета", "\n", "15.04.2025", "с", "по"]
        var rng = SeededGenerator(seed: 344)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...8, using: &rng))
                .map { _ in pieces.randomElement(using: &rng)! }.joined(separator: " ")
            let parsed = Deadline.parse(text)
            if case .other(let kept) = parsed { #expect(kept == text) }
            for year in [2024, 2025] {
                let resolution = parsed.resolution(year: year, eventDays: ["assessment_completed": day("2025-10-20")])
                #expect((resolution.window == nil) == (resolution.reason != nil))
                if let window = resolution.window {
                    #expect(!window.periods.isEmpty)
                    #expect(window.periods.allSatisfy { $0.start <= $0.end })
                }
            }
        }
    }

    @Test("The Russian description reads back as the same deadline")
    func descriptionRoundTrip() {
        let deadlines: [Deadline] = [
            .on(day: 1, month: 4, year: 2025), .by(day: 1, month: 4, year: nil), .month(11, year: nil),
            .months(from: 5, to: 10, year: 2025), .quarter(3, year: 2016), .quarter(1, year: nil), .year(2018),
            .year(nil), .recurring(.annually), .recurring(.quarterly), .recurring(.monthly), .recurring(.halfYearly),
            .recurring(.continuous), .asNeeded,
            .several([.quarter(1, year: 2017), .quarter(4, year: 2017)]),
            .atMeeting(body: "Общественной палаты", .by(day: 1, month: 4, year: nil)),
        ]
        for deadline in deadlines {
            #expect(Deadline.parse(deadline.description) == deadline, "«\(deadline.description)»")
        }
    }

    // MARK: Dates for 2025

    static let resolutions2025: [ResolutionCase] = [
        ResolutionCase("до 1 апреля", 2025, ["2025-01-01…2025-04-01"]),
        ResolutionCase("На  заседании Общественной палаты  до 1 апреля", 2025, ["2025-01-01…2025-04-01"]),
        ResolutionCase("До 15 апреля", 2025, ["2025-01-01…2025-04-15"]),
        ResolutionCase("апрель", 2025, ["2025-04-01…2025-04-30"]),
        ResolutionCase("Май- октябрь", 2025, ["2025-05-01…2025-10-31"]),
        ResolutionCase("ноябрь", 2025, ["2025-11-01…2025-11-30"]),
        ResolutionCase("декабрь", 2025, ["2025-12-01…2025-12-31"]),
        ResolutionCase("Январь- февраль", 2025, ["2025-01-01…2025-02-28"]),
        ResolutionCase("август-\nсентябрь", 2025, ["2025-08-01…2025-09-30"]),
        ResolutionCase("Март-октябрь", 2025, ["2025-03-01…2025-10-31"]),
        ResolutionCase("ноябрь – февраль", 2025, ["2025-11-01…2026-02-28"]),
        ResolutionCase("I квартал", 2025, ["2025-01-01…2025-03-31"]),
        ResolutionCase("в течение 2 квартала", 2025, ["2025-04-01…2025-06-30"]),
        ResolutionCase("IV квартал 2025 года", 2025, ["2025-10-01…2025-12-31"]),
        ResolutionCase("15.04.2025", 2025, ["2025-04-15…2025-04-15"]),
        ResolutionCase("в течение года", 2025, ["2025-01-01…2025-12-31"]),
        ResolutionCase("1 раз в квартал", 2025, [
            "2025-01-01…2025-03-31", "2025-04-01…2025-06-30", "2025-07-01…2025-09-30", "2025-10-01…2025-12-31",
        ]),
        ResolutionCase("ежегодно", 2025, ["2025-01-01…2025-12-31"]),
        ResolutionCase("2 раза в год", 2025, ["2025-01-01…2025-06-30", "2025-07-01…2025-12-31"]),
        ResolutionCase("постоянно", 2025, ["2025-01-01…2025-12-31"]),
        // Written years: a programme's dates belong to their own year.
        ResolutionCase("3 квартал 2016", 2025, nil),
        ResolutionCase("3 квартал 2016", 2016, ["2016-07-01…2016-09-30"]),
        ResolutionCase("4 квартал 2016\n3 квартал 2017", 2025, nil),
        ResolutionCase("4 квартал 2016\n3 квартал 2017", 2017, ["2017-07-01…2017-09-30"]),
        ResolutionCase("1 и 4 квартал 2017", 2017, ["2017-01-01…2017-03-31", "2017-10-01…2017-12-31"]),
        ResolutionCase("2016\n2017\n2018", 2018, ["2018-01-01…2018-12-31"]),
        ResolutionCase("2018 год", 2025, nil),
        ResolutionCase("IV квартал 2018 года", 2018, ["2018-10-01…2018-12-31"]),
        // «до 1 января» closes the year before.
        ResolutionCase("до 01 января 2014 г.", 2013, ["2013-01-01…2014-01-01"]),
        ResolutionCase("до 01 января 2014 г.", 2014, nil),
        ResolutionCase("до 1 января", 2025, ["2025-01-01…2026-01-01"]),
        ResolutionCase("до 01 января 2014 г. ежегодно постоянно ежегодно", 2025, ["2025-01-01…2025-12-31"]),
        ResolutionCase("до 01 января 2014 г. ежегодно постоянно ежегодно", 2013,
                       ["2013-01-01…2013-12-31", "2013-01-01…2014-01-01"]),
        // No dates without an event.
        ResolutionCase("По мере необходимости", 2025, nil),
        ResolutionCase("По завершению проверки", 2025, nil),
        ResolutionCase("После проведения независимой оценки", 2025, nil),
        ResolutionCase("В сроки установленные планом", 2025, nil),
        ResolutionCase("", 2025, nil),
    ]

    @Test("Deadlines resolve to days of the campaign year", arguments: resolutions2025)
    func resolution(_ sample: ResolutionCase) {
        let resolution = Deadline.parse(sample.text).resolution(year: sample.year, eventDays: [:])
        #expect(periods(resolution.window) == sample.periods)
        if sample.periods == nil {
            #expect(resolution.reason?.isEmpty == false)
        }
    }

    @Test("Recurring deadlines give their due dates in the year; «постоянно» gives none")
    func dueDates() throws {
        let quarterly = try #require(Deadline.parse("1 раз в квартал").resolve(year: 2025))
        #expect(quarterly.dueDates.map(\.iso) == ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"])
        let monthly = try #require(Deadline.parse("ежемесячно").resolve(year: 2025))
        #expect(monthly.dueDates.count == 12)
        #expect(monthly.dueDates[1].iso == "2025-02-28")
        let annual = try #require(Deadline.parse("ежегодно").resolve(year: 2025))
        #expect(annual.dueDates.map(\.iso) == ["2025-12-31"])
        let continuous = try #require(Deadline.parse("постоянно").resolve(year: 2025))
        #expect(continuous.isContinuous)
        #expect(continuous.dueDates.isEmpty)
        let amur = try #require(Deadline.parse("до 01 января 2014 г. ежегодно постоянно ежегодно").resolve(year: 2025))
        #expect(!amur.isContinuous)
        #expect(amur.dueDates.map(\.iso) == ["2025-12-31"])
        #expect(amur.notes.contains { $0.contains("постоянно") })
    }

    @Test("Event-tied deadlines resolve once the event's day is known, and say why not before")
    func events() throws {
        let afterCheck = Deadline.parse("По завершению проверки")
        let unknown = afterCheck.resolution(year: 2025, eventDays: [:])
        #expect(unknown.window == nil)
        #expect(unknown.reason == "Срок наступает после события «завершение независимой оценки», дата которого ещё не известна.")

        let known = try #require(afterCheck.resolution(year: 2025, eventDays: ["assessment_completed": day("2025-10-20")]).window)
        #expect(periods(known) == ["2025-10-20…2025-12-31"])

        let tenDays = Deadline.parse("в течение 10 дней после утверждения результатов")
        #expect(tenDays.resolution(year: 2025, eventDays: [:]).reason?.contains("утверждения результатов") == true)
        let approved = ["утверждения результатов": day("2025-12-25")]
        #expect(periods(tenDays.resolution(year: 2025, eventDays: approved).window) == ["2025-12-25…2026-01-04"])

        let byPlan = Deadline.parse("В сроки установленные планом")
        #expect(byPlan.resolution(year: 2025, eventDays: [:]).reason?.contains("плана по устранению недостатков") == true)
        #expect(periods(byPlan.resolution(year: 2025, eventDays: ["improvement_plan": day("2025-06-30")]).window)
                == ["2025-01-01…2025-06-30"])

        let asNeeded = Deadline.parse("По мере необходимости")
        #expect(asNeeded.resolution(year: 2025, eventDays: ["assessment_completed": day("2025-10-20")]).reason?
            .contains("по мере необходимости") == true)
    }

    @Test("Event instants become days in the stated time zone")
    func eventTimeZone() throws {
        // 20 October 2025, 20:00 UTC is already 21 October in Blagoveshchensk (Zeya's region, UTC+9).
        let instant = day("2025-10-20").date().addingTimeInterval(20 * 3_600)
        let deadline = Deadline.parse("в течение 5 дней после завершения проверки")
        #expect(deadline == .after(.assessmentCompleted, days: 5))
        let utc = try #require(deadline.resolve(year: 2025, events: ["assessment_completed": instant]))
        #expect(utc.start.iso == "2025-10-20")
        let yakutsk = try #require(TimeZone(identifier: "Asia/Yakutsk"))
        let local = try #require(deadline.resolve(year: 2025, events: ["assessment_completed": instant], timeZone: yakutsk))
        #expect(local.start.iso == "2025-10-21")
        #expect(local.end.iso == "2025-10-26")
    }

    @Test("A template made for one year moves its written years to the campaign's")
    func templateYearShift() throws {
        let zeya = PlanTemplate(
            id: "zeya", title: "План", source: "Зея", baseYear: 2018,
            stages: [
                StageTemplate(number: "8", title: "План мероприятий", executors: [.council], deadlineText: "IV квартал 2018 года"),
                StageTemplate(number: "7", title: "Собрания", executors: [.council, .operator], deadlineText: "Март-октябрь"),
            ])
        let plan = try #require(zeya.stage("8"))
        #expect(periods(zeya.resolution(of: plan, year: 2025).window) == ["2025-10-01…2025-12-31"])
        let meetings = try #require(zeya.stage("7"))
        #expect(periods(zeya.resolution(of: meetings, year: 2025).window) == ["2025-03-01…2025-10-31"])

        let dalnegorsk = PlanTemplate(
            id: "dalnegorsk", title: "План", source: "Дальнегорск", baseYear: 2016,
            stages: [StageTemplate(number: "1.3", title: "Результаты", executors: [.council],
                                   deadlineText: "4 квартал 2016\n3 квартал 2017")])
        let results = try #require(dalnegorsk.stage("1.3"))
        // By default the campaign's year plays the programme's first year.
        #expect(periods(dalnegorsk.resolution(of: results, year: 2025).window) == ["2025-10-01…2025-12-31"])
        // A programme restarted in 2025: its second year is 2026, and it has nothing for this stage in 2027.
        #expect(periods(dalnegorsk.resolution(of: results, year: 2026, firstYear: 2025).window) == ["2026-07-01…2026-09-30"])
        #expect(dalnegorsk.resolution(of: results, year: 2027, firstYear: 2025).window == nil)

        let amur = PlanTemplate(
            id: "amur", title: "План", source: "Амур", baseYear: 2013,
            stages: [StageTemplate(number: "2.1", title: "Предложения", executors: [.council],
                                   deadlineText: "до 01 января 2014 г.")])
        let proposals = try #require(amur.stage("2.1"))
        #expect(periods(amur.resolution(of: proposals, year: 2025).window) == ["2025-01-01…2026-01-01"])
    }

    // MARK: Leap years

    @Test("Leap years: 29 February exists in 2024 and 2000, not in 2025 or 1900")
    func leapYears() throws {
        #expect(Day.isLeap(2024) && Day.isLeap(2000))
        #expect(!Day.isLeap(2025) && !Day.isLeap(1900))
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2025, month: 2, day: 29) == nil)
        #expect(Day(year: 2025, month: 4, day: 31) == nil)
        #expect(day("2024-02-28").adding(days: 1).iso == "2024-02-29")
        #expect(day("2024-02-28").adding(days: 2).iso == "2024-03-01")
        #expect(day("2025-02-28").adding(days: 1).iso == "2025-03-01")
        #expect(day("2024-01-01").days(until: day("2025-01-01")) == 366)
        #expect(day("2025-01-01").days(until: day("2026-01-01")) == 365)
        #expect(day("1999-12-31").adding(days: 60).iso == "2000-02-29")

        let february = Deadline.parse("до 29 февраля")
        #expect(february == .by(day: 29, month: 2, year: nil))
        #expect(february.resolve(year: 2024)?.end.iso == "2024-02-29")
        #expect(february.resolve(year: 2025)?.end.iso == "2025-02-28")
        #expect(Deadline.parse("Январь- февраль").resolve(year: 2024)?.end.iso == "2024-02-29")
        #expect(Deadline.parse("I квартал").resolve(year: 2024)?.end.iso == "2024-03-31")
        #expect(Deadline.parse("ежемесячно").resolve(year: 2024)?.dueDates[1].iso == "2024-02-29")
        #expect(Deadline.parse("29.02.2024") == .on(day: 29, month: 2, year: 2024))
        #expect(Deadline.parse("29.02.2025") == .other("29.02.2025"))
    }

    @Test("Days: ISO text, Russian text, ordinals and Codable")
    func days() throws {
        let first = day("2025-04-01")
        #expect(first.iso == "2025-04-01")
        #expect(first.russian == "01.04.2025")
        #expect(Day(iso: "2025-4-1") == nil)
        #expect(Day(iso: "2025-02-29") == nil)
        #expect(Day(ordinal: 0).iso == "1970-01-01")
        #expect(Day(ordinal: first.ordinal) == first)
        #expect(day("1969-12-31").ordinal == -1)
        let encoded = try JSONEncoder().encode([first])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"2025-04-01\"]")
        #expect(try JSONDecoder().decode([Day].self, from: encoded) == [first])
        #expect(Day(first.date()) == first)
    }

    // MARK: Status on fixed days

    @Test("«до 1 апреля» in 2025: due soon, due today, overdue, done, done late")
    func statusByDate() throws {
        let window = try #require(Deadline.parse("до 1 апреля").resolve(year: 2025))

        let early = window.progress(completed: nil, today: day("2025-02-01"))
        #expect(early.status == .inProgress)
        #expect(early.daysLeft == 59)
        #expect(!early.isDueSoon)

        let soon = window.progress(completed: nil, today: day("2025-03-25"), dueSoonWithin: 7)
        #expect(soon.status == .inProgress)
        #expect(soon.daysLeft == 7)
        #expect(soon.isDueSoon)
        #expect(soon.message == "Выполняется, срок 01.04.2025 (через 7 дн.).")
        #expect(!window.progress(completed: nil, today: day("2025-03-25"), dueSoonWithin: 6).isDueSoon)

        let dueToday = window.progress(completed: nil, today: day("2025-04-01"))
        #expect(dueToday.status == .inProgress)
        #expect(dueToday.daysLeft == 0)
        #expect(dueToday.isDueSoon)

        let overdue = window.progress(completed: nil, today: day("2025-04-04"))
        #expect(overdue.status == .overdue)
        #expect(overdue.due == day("2025-04-01"))
        #expect(overdue.daysLeft == -3)
        #expect(!overdue.isDueSoon)
        #expect(overdue.message == "Просрочен: срок 01.04.2025 прошёл 3 дн. назад.")

        let done = window.progress(completed: day("2025-03-20"), today: day("2025-04-04"))
        #expect(done.status == .done)
        #expect(!done.isDueSoon)
        #expect(done.message == "Выполнен 20.03.2025.")

        let late = window.progress(completed: day("2025-04-05"), today: day("2025-04-10"))
        #expect(late.status == .done)
        #expect(late.message == "Выполнен 05.04.2025 (позже срока 01.04.2025 на 4 дн.).")

        let lastYear = window.progress(completed: nil, today: day("2024-12-20"))
        #expect(lastYear.status == .planned)
    }

    @Test("A month: planned before it, due soon near its end")
    func statusMonth() throws {
        let november = try #require(Deadline.parse("ноябрь").resolve(year: 2025))
        let before = november.progress(completed: nil, today: day("2025-10-28"), dueSoonWithin: 10)
        #expect(before.status == .planned)
        #expect(before.daysLeft == 33)
        #expect(!before.isDueSoon)
        #expect(before.message == "Запланирован: с 01.11.2025, срок 30.11.2025 (через 33 дн.).")
        let during = november.progress(completed: nil, today: day("2025-11-25"), dueSoonWithin: 10)
        #expect(during.status == .inProgress)
        #expect(during.isDueSoon)
        #expect(november.progress(completed: nil, today: day("2025-12-01")).status == .overdue)
    }

    @Test("«1 раз в квартал»: the latest completion covers its quarter; a quarter without one is overdue")
    func statusRecurring() throws {
        let quarterly = try #require(Deadline.parse("1 раз в квартал").resolve(year: 2025))

        let fine = quarterly.progress(completed: day("2025-05-10"), today: day("2025-07-05"))
        #expect(fine.status == .inProgress)
        #expect(fine.due == day("2025-09-30"))
        #expect(!fine.isDueSoon)

        let missed = quarterly.progress(completed: day("2025-05-10"), today: day("2025-10-02"))
        #expect(missed.status == .overdue)
        #expect(missed.due == day("2025-09-30"))
        #expect(missed.daysLeft == -2)

        let never = quarterly.progress(completed: nil, today: day("2025-04-02"))
        #expect(never.status == .overdue)
        #expect(never.due == day("2025-03-31"))

        let caughtUp = quarterly.progress(completed: day("2025-09-15"), today: day("2025-10-02"))
        #expect(caughtUp.status == .inProgress)
        #expect(caughtUp.due == day("2025-12-31"))

        let finished = quarterly.progress(completed: day("2025-12-10"), today: day("2026-01-15"))
        #expect(finished.status == .done)

        let twice = try #require(Deadline.parse("1 и 4 квартал 2017").resolve(year: 2017))
        #expect(twice.progress(completed: day("2017-03-01"), today: day("2017-06-01")).status == .planned)
        #expect(twice.progress(completed: day("2017-03-01"), today: day("2017-12-28")).isDueSoon)
    }

    @Test("«постоянно» is never overdue; an unresolved deadline has no status beyond planned or done")
    func statusContinuousAndUndated() throws {
        let continuous = try #require(Deadline.parse("постоянно").resolve(year: 2025))
        let running = continuous.progress(completed: nil, today: day("2026-03-01"))
        #expect(running.status == .inProgress)
        #expect(running.due == nil)
        #expect(!running.isDueSoon)
        #expect(continuous.progress(completed: nil, today: day("2024-12-31")).status == .planned)

        let undated = StageProgress.evaluate(window: nil, completed: nil, today: day("2025-06-01"))
        #expect(undated.status == .planned)
        #expect(undated.message == "Срок не определён.")
        #expect(StageProgress.evaluate(window: nil, completed: day("2025-05-01"), today: day("2025-06-01")).status == .done)

        let one = try #require(Deadline.parse("15.04.2025").resolve(year: 2025))
        let ahead = StageProgress.evaluate(window: one, completed: nil, today: day("2025-04-12"), dueSoonWithin: 3)
        #expect(ahead.status == .planned)
        #expect(ahead.isDueSoon)
    }

    // MARK: Executors and result forms

    @Test("Executors and result forms have config ids and Russian titles")
    func rolesAndForms() {
        for id in Executor.ids {
            let executor = Executor(id: id, text: "Отдел культуры")
            #expect(executor?.id == id)
            #expect(executor?.title.isEmpty == false)
        }
        #expect(Executor(id: "mayor") == nil)
        #expect(Executor(id: "other", text: "Отдел культуры")?.title == "Отдел культуры")
        #expect(Executor.council.title == "Общественный совет")
        #expect(Executor.councilSecretary.title == "Секретарь общественного совета")
        #expect(ResultForm.allCases.count == 9)
        #expect(ResultForm.allCases.allSatisfy { !$0.title.isEmpty })
        #expect(ResultForm.decision.title == "Решение")
        #expect(StageStatus.overdue.title == "просрочен")
    }

    @Test("A stage keeps the deadline text as written and parses it")
    func stageTemplate() {
        let stage = StageTemplate(
            number: "2", title: "Формирование и утверждение перечня учреждений", executors: [.council],
            executorText: "Члены Общественной палаты", result: .decision,
            deadlineText: "На  заседании Общественной палаты  до 1 апреля")
        #expect(stage.deadlineText == "На  заседании Общественной палаты  до 1 апреля")
        #expect(stage.deadline == .atMeeting(body: "Общественной палаты", .by(day: 1, month: 4, year: nil)))
        #expect(stage.deadline.description == "на заседании Общественной палаты, до 1 апреля")
    }

    @Test("Target indicators give their planned value per year")
    func targets() {
        let target = PlanTarget(
            id: "assessed_share", title: "Доля учреждений, в отношении которых проведена оценка", unit: .percent,
            values: [.init(year: 2017, value: 100), .init(year: 2016, value: 75), .init(year: 2018, value: 0)])
        #expect(target.values.map(\.year) == [2016, 2017, 2018])
        #expect(target.value(for: 2016) == 75)
        #expect(target.value(for: 2019) == nil)
        #expect(PlanTarget.Unit.count.title == "ед.")
    }
}

@Suite("Target actuals")
struct TargetActualsTests {
    @Test("Assessed share, questionnaire on the website, council meetings — from the campaign's own data")
    func actuals() {
        func organization(_ id: String, respondents: Int, survey: ItemMark?) -> OrganizationData {
            OrganizationData(
                organization: Organization(id: OrganizationID(id), name: id, sector: "education"), respondents: respondents,
                checklists: survey.map { ["remote_channels": ["survey": $0]] } ?? [:])
        }
        let data = [
            organization("a", respondents: 10, survey: .present),
            organization("b", respondents: 0, survey: .absent),     // assessed through its check-list
            organization("c", respondents: 0, survey: nil),         // not assessed yet
            organization("d", respondents: 5, survey: .present),
        ]
        let actual = TargetActuals.compute(data, councilMeetings: 2)
        #expect(actual["assessed_share"] == 75)                   // 3 of 4
        #expect(actual["questionnaire_on_website_share"] == 50)   // 2 of 4
        #expect(actual["council_meetings"] == 2)
    }
}
