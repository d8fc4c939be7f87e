/// Why a number is what it is, down to the raw counts.
///
/// Every score carries one: indicator → numerator, denominator, points, cap, weight, rule applied.
public struct Explanation: Sendable, Equatable, Codable {
    /// What the number is, e.g. «Показатель 1.3 …».
    public var subject: String
    public var value: Double?
    /// The rule in words, e.g. «100 × «да» / ответившие».
    public var rule: String
    public var facts: [Fact]
    /// Policies applied and data problems met on the way.
    public var notes: [String]
    public var children: [Explanation]

    public init(
        subject: String, value: Double?, rule: String, facts: [Fact] = [], notes: [String] = [],
        children: [Explanation] = []
    ) {
        self.subject = subject
        self.value = value
        self.rule = rule
        self.facts = facts
        self.notes = notes
        self.children = children
    }

    public func fact(_ name: Fact.Name) -> Double? { facts.first { $0.name == name }?.value }

    /// What a score carries when its caller did not ask for explanations (rankings that show only numbers):
    /// the value alone, no subject, rule, facts or children.
    public static func omitted(_ value: Double?) -> Explanation { Explanation(subject: "", value: value, rule: "") }
}

public struct Fact: Sendable, Equatable, Codable {
    public enum Name: String, Sendable, Codable {
        case numerator = "числитель"
        case denominator = "знаменатель"
        case itemsPresent = "пунктов есть"
        case itemsApplicable = "пунктов применимо"
        case itemsNotApplicable = "пунктов неприменимо"
        case pointsPerItem = "баллов за пункт"
        case points = "баллов"
        case cap = "предел"
        case weight = "вес"
        case ignoredByFilter = "ответов вне фильтра"
    }

    public var name: Name
    public var value: Double

    public init(_ name: Name, _ value: Double) {
        self.name = name
        self.value = value
    }
}
