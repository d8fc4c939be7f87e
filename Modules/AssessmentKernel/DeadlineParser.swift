import Foundation

extension Deadline {
    /// Reads a deadline as a plan writes it; text it does not understand becomes `.other(text)`, never a crash.
    ///
    /// Case, «ё», dashes of any kind (`-`, `–`, `—`, `−`), line breaks and extra spaces do not matter;
    /// month names are understood in every case («апрель», «апреля», «в апреле»), quarters in Arabic or
    /// Roman numerals. Several deadlines in one cell («4 квартал 2016 3 квартал 2017») give `.several`.
    public static func parse(_ text: String) -> Deadline {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .unspecified }
        var parser = DeadlineParser(tokens: DeadlineParser.tokenize(trimmed), text: trimmed)
        guard let items = parser.parseAll(), !items.isEmpty else { return .other(text) }
        return items.count == 1 ? items[0] : .several(items)
    }
}

/// A small backtracking parser over words, numbers, dashes and commas.
struct DeadlineParser {
    struct Token {
        enum Kind: Equatable { case word, number, dash, comma }
        var kind: Kind
        /// Lower case, «ё» as «е».
        var text: String
        var range: Range<String.Index>
    }

    let tokens: [Token]
    let text: String
    var index = 0

    init(tokens: [Token], text: String) {
        self.tokens = tokens
        self.text = text
    }

    // MARK: Tokens

    static let dashes: Set<Character> = ["-", "‐", "‑", "‒", "–", "—", "―", "−", "⁃"]

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var position = text.startIndex
        while position < text.endIndex {
            let character = text[position]
            let start = position
            if character.isNumber {
                // Digits, and dots between digits: «2016», «01.04.2025».
                position = text.index(after: position)
                while position < text.endIndex {
                    if text[position].isNumber {
                        position = text.index(after: position)
                    } else if text[position] == ".", text.index(after: position) < text.endIndex,
                              text[text.index(after: position)].isNumber {
                        position = text.index(after: position)
                    } else {
                        break
                    }
                }
                tokens.append(Token(kind: .number, text: String(text[start..<position]), range: start..<position))
            } else if character.isLetter {
                while position < text.endIndex, text[position].isLetter { position = text.index(after: position) }
                let word = text[start..<position].lowercased().replacingOccurrences(of: "ё", with: "е")
                tokens.append(Token(kind: .word, text: word, range: start..<position))
            } else {
                position = text.index(after: position)
                if dashes.contains(character) {
                    tokens.append(Token(kind: .dash, text: "-", range: start..<position))
                } else if character == "," || character == ";" {
                    tokens.append(Token(kind: .comma, text: ",", range: start..<position))
                }
                // Spaces, line breaks, dots, quotes and brackets separate tokens and are dropped.
            }
        }
        return tokens
    }

    var atEnd: Bool { index >= tokens.count }
    var current: Token? { atEnd ? nil : tokens[index] }

    func peek(_ offset: Int = 0) -> Token? {
        index + offset < tokens.count ? tokens[index + offset] : nil
    }

    /// Consumes the words if they come next, in order.
    mutating func accept(_ words: String...) -> Bool {
        for (offset, word) in words.enumerated() where peek(offset)?.kind != .word || peek(offset)?.text != word {
            return false
        }
        index += words.count
        return true
    }

    /// Consumes one word if it is one of `words`.
    mutating func acceptAny(_ words: Set<String>) -> Bool {
        guard let token = current, token.kind == .word, words.contains(token.text) else { return false }
        index += 1
        return true
    }

    /// Runs `body`; on nil puts the position back.
    mutating func attempt<T>(_ body: (inout DeadlineParser) -> T?) -> T? {
        let saved = index
        if let result = body(&self) { return result }
        index = saved
        return nil
    }

    /// The original text of tokens `from..<to`, spaces collapsed.
    func original(from: Int, to: Int) -> String {
        String(text[tokens[from].range.lowerBound..<tokens[to - 1].range.upperBound])
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Grammar

    /// Items until the end, separated by commas, «и» or nothing.
    mutating func parseAll() -> [Deadline]? {
        var items: [Deadline] = []
        while !atEnd {
            while current?.kind == .comma || (!items.isEmpty && current?.text == "и") { index += 1 }
            if atEnd { break }
            guard let next = parseItem() else { return nil }
            items += next
        }
        return items
    }

    mutating func parseItem() -> [Deadline]? {
        if let meeting = attempt({ $0.meeting() }) { return [meeting] }
        if accept("по", "мере", "необходимости") { return [.asNeeded] }
        if accept("постоянно") { return [.recurring(.continuous)] }
        if let recurring = attempt({ $0.recurrence() }) { return [recurring] }
        if let planned = attempt({ $0.byPlan() }) { return [planned] }
        if let event = attempt({ $0.afterEvent() }) { return [event] }
        if let within = attempt({ $0.within() }) { return within }
        if let limit = attempt({ $0.byDay() }) { return [limit] }
        return attempt { parser in
            _ = parser.accept("в") || parser.accept("во")
            return parser.period()
        }
    }

    /// «на заседании <орган> <срок>».
    mutating func meeting() -> Deadline? {
        guard accept("на", "заседании") else { return nil }
        let bodyStart = index
        for bodyEnd in (bodyStart + 1)..<max(bodyStart + 1, tokens.count) {
            guard tokens[bodyEnd - 1].kind == .word else { break }
            var rest = DeadlineParser(tokens: tokens, text: text)
            rest.index = bodyEnd
            if let inner = rest.parseAll(), !inner.isEmpty {
                index = tokens.count
                return .atMeeting(body: original(from: bodyStart, to: bodyEnd), inner.count == 1 ? inner[0] : .several(inner))
            }
        }
        return nil
    }

    /// «ежегодно», «ежеквартально», «ежемесячно», «1 раз в квартал», «2 раза в год».
    mutating func recurrence() -> Deadline? {
        if accept("ежегодно") {
            // «ежегодно до 1 апреля»: a template's dates recur every year anyway.
            if let dated = attempt({ parser -> Deadline? in
                guard let item = parser.parseItem(), item.count == 1, item[0].isYearlessDate else { return nil }
                return item[0]
            }) {
                return dated
            }
            return .recurring(.annually)
        }
        if accept("ежеквартально") { return .recurring(.quarterly) }
        if accept("ежемесячно") { return .recurring(.monthly) }
        if accept("ежеполугодно") { return .recurring(.halfYearly) }
        var count = 1
        if let token = current, token.kind == .number, let value = Int(token.text) {
            count = value
            index += 1
        }
        guard count > 0, acceptAny(["раз", "раза"]), accept("в") || accept("во") else { return nil }
        let periodMonths: Int
        if acceptAny(["месяц"]) {
            periodMonths = 1
        } else if acceptAny(["квартал"]) {
            periodMonths = 3
        } else if acceptAny(["полугодие"]) {
            periodMonths = 6
        } else if acceptAny(["год"]) {
            periodMonths = 12
        } else {
            return nil
        }
        guard periodMonths % count == 0, [1, 2, 3, 4, 6, 12].contains(periodMonths / count) else { return nil }
        return .recurring(.every(months: periodMonths / count))
    }

    /// «в сроки, установленные планом».
    mutating func byPlan() -> Deadline? {
        if accept("в", "соответствии", "с") {
            return acceptAny(["планом", "планами"]) ? .byEvent(.improvementPlan) : nil
        }
        guard accept("в", "сроки") else { return nil }
        if current?.kind == .comma { index += 1 }
        guard acceptAny(["установленные", "предусмотренные", "определенные"]),
              acceptAny(["планом", "планами"])
        else { return nil }
        return .byEvent(.improvementPlan)
    }

    /// «по завершению проверки», «после проведения независимой оценки»: the rest of the text names the event.
    mutating func afterEvent() -> Deadline? {
        let opened = accept("после")
            || (accept("по") && acceptAny(["завершению", "завершении", "окончании", "итогам", "результатам"]))
        guard opened, let event = eventPhrase() else { return nil }
        return .after(event, days: nil)
    }

    /// «в течение 10 дней после …», «в течение 2 квартала», «в течение года».
    mutating func within() -> [Deadline]? {
        guard accept("в", "течение") || accept("в", "течении") else { return nil }
        if accept("года") || accept("всего", "года") { return [.year(nil)] }
        if let token = current, token.kind == .number, let days = Int(token.text),
           peek(1)?.text == "дней" || peek(1)?.text == "дня" || peek(1)?.text == "календарных" {
            index += 1
            _ = accept("календарных")
            guard acceptAny(["дней", "дня"]) else { return nil }
            guard accept("после") || accept("со", "дня") || accept("с", "даты") || accept("с", "момента"),
                  let event = eventPhrase()
            else { return nil }
            return [.after(event, days: days)]
        }
        return period()
    }

    /// The rest of the text as the name of an event; nil if it is empty or starts with a number.
    mutating func eventPhrase() -> PlanEvent? {
        guard let first = current, first.kind == .word else { return nil }
        let phrase = original(from: index, to: tokens.count)
        let words = tokens[index...].map(\.text)
        index = tokens.count
        let assessment = words.contains { $0.hasPrefix("оценк") || $0.hasPrefix("проверк") || $0 == "нок" }
        return assessment ? .assessmentCompleted : .other(phrase)
    }

    /// «до 1 апреля», «до 01 января 2014 г.», «не позднее 15.04.2025», «до конца года».
    mutating func byDay() -> Deadline? {
        guard accept("до") || accept("не", "позднее") else { return nil }
        if accept("конца") {
            if accept("года") { return .by(day: 31, month: 12, year: nil) }
            guard let month = monthWord() else { return nil }
            let year = yearSuffix()
            return .by(day: Day.daysIn(month: month, year: year ?? 2000), month: month, year: year)
        }
        guard let (day, month, year) = date() else { return nil }
        return .by(day: day, month: month, year: year)
    }

    /// A date, a month, a month range, quarters or a year.
    mutating func period() -> [Deadline]? {
        if let (day, month, year) = attempt({ $0.date() }) { return [.on(day: day, month: month, year: year)] }
        if let quarters = attempt({ $0.quarters() }) { return quarters }
        if let months = attempt({ $0.monthRange() }) { return [months] }
        if let token = current, token.kind == .number, let year = Self.year(token.text) {
            index += 1
            _ = acceptAny(Self.yearWords)
            return [.year(year)]
        }
        return nil
    }

    /// «1 апреля», «01 января 2014 г.», «15.04.2025».
    mutating func date() -> (Int, Int, Int?)? {
        guard let token = current, token.kind == .number else { return nil }
        index += 1
        let parts = token.text.split(separator: ".").compactMap { Int($0) }
        if parts.count == 3 {
            _ = acceptAny(Self.yearWords)
            guard Day(year: parts[2], month: parts[1], day: parts[0]) != nil else { return nil }
            return (parts[0], parts[1], parts[2])
        }
        guard parts.count == 1, let month = monthWord() else { return nil }
        let year = yearSuffix()
        guard Day(year: year ?? 2000, month: month, day: parts[0]) != nil else { return nil }
        return (parts[0], month, year)
    }

    /// «апрель», «май–октябрь», «с мая по октябрь», with an optional year.
    mutating func monthRange() -> Deadline? {
        if accept("с") {
            guard let from = monthWord(), accept("по"), let to = monthWord() else { return nil }
            return .months(from: from, to: to, year: yearSuffix())
        }
        guard let from = monthWord() else { return nil }
        if current?.kind == .dash || current?.text == "по" {
            let saved = index
            index += 1
            if let to = monthWord() { return .months(from: from, to: to, year: yearSuffix()) }
            index = saved
        }
        return .month(from, year: yearSuffix())
    }

    /// «3 квартал 2016», «IV квартал 2018 года», «1 и 4 квартал 2017», «I–II квартал».
    mutating func quarters() -> [Deadline]? {
        guard let first = quarterNumber() else { return nil }
        var numbers = [first]
        var range = false
        while let token = current {
            if token.kind == .dash, numbers.count == 1, !range {
                index += 1
                range = true
            } else if token.kind == .comma || token.text == "и" {
                index += 1
            } else {
                break
            }
            guard let next = quarterNumber() else { return nil }
            numbers.append(next)
        }
        guard acceptAny(["квартал", "квартала", "квартале", "кварталы", "кварталах", "кв"]) else { return nil }
        let year = yearSuffix()
        if range {
            guard numbers[0] <= numbers[1] else { return nil }
            return [.months(from: numbers[0] * 3 - 2, to: numbers[1] * 3, year: year)]
        }
        return numbers.map { .quarter($0, year: year) }
    }

    mutating func quarterNumber() -> Int? {
        guard let token = current else { return nil }
        let value: Int? = switch token.kind {
        case .number: Int(token.text)
        case .word: ["i": 1, "ii": 2, "iii": 3, "iv": 4][token.text]
        default: nil
        }
        guard let value, (1...4).contains(value) else { return nil }
        index += 1
        return value
    }

    mutating func monthWord() -> Int? {
        guard let token = current, token.kind == .word, let month = Self.months[token.text] else { return nil }
        index += 1
        return month
    }

    /// «2016», «2016 г.», «2017 года», «в 2018 году» after a date, month or quarter.
    mutating func yearSuffix() -> Int? {
        guard let token = current, token.kind == .number, let year = Self.year(token.text) else { return nil }
        index += 1
        _ = acceptAny(Self.yearWords)
        return year
    }

    static let yearWords: Set<String> = ["г", "гг", "год", "года", "году"]

    static func year(_ text: String) -> Int? {
        guard text.count == 4, let year = Int(text), (1900...2100).contains(year) else { return nil }
        return year
    }

    /// Every case of every month, and the usual abbreviations.
    static let months: [String: Int] = {
        var forms: [String: Int] = [:]
        let soft = ["январ": 1, "феврал": 2, "апрел": 4, "июн": 6, "июл": 7, "сентябр": 9, "октябр": 10,
                    "ноябр": 11, "декабр": 12]
        for (stem, month) in soft {
            for ending in ["ь", "я", "ю", "ем", "е"] { forms[stem + ending] = month }
        }
        for (stem, month) in ["март": 3, "август": 8] {
            for ending in ["", "а", "у", "ом", "е"] { forms[stem + ending] = month }
        }
        for form in ["май", "мая", "маю", "маем", "мае"] { forms[form] = 5 }
        let short = ["янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "авг": 8, "сен": 9, "сент": 9,
                     "окт": 10, "нояб": 11, "дек": 12]
        forms.merge(short) { existing, _ in existing }
        return forms
    }()
}

extension Deadline {
    /// A date, month or quarter without a written year: the kind «ежегодно» may introduce.
    var isYearlessDate: Bool {
        switch self {
        case .on(_, _, nil), .by(_, _, nil), .month(_, nil), .months(_, _, nil), .quarter(_, nil): true
        default: false
        }
    }
}
