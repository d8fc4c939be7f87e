public enum PlanTemplateTag {}
public enum PlanTargetTag {}

public typealias PlanTemplateID = Identifier<PlanTemplateTag>
public typealias PlanTargetID = Identifier<PlanTargetTag>

/// How a municipality runs the assessment each year: a plan's stages, taken from a real document.
///
/// A campaign copies a template's stages and resolves their deadlines for its year.
public struct PlanTemplate: Sendable, Equatable {
    public var id: PlanTemplateID
    public var title: String
    /// Which municipality and document the template follows.
    public var source: String
    /// The year the original plan was made for, if its deadlines name years («IV квартал 2018 года»).
    public var baseYear: Int?
    public var stages: [StageTemplate]
    /// Target indicators of a programme, with planned values per year (Dalnegorsk 2016–2018).
    public var targets: [PlanTarget]

    public init(
        id: PlanTemplateID, title: String, source: String, baseYear: Int? = nil,
        stages: [StageTemplate], targets: [PlanTarget] = []
    ) {
        self.id = id
        self.title = title
        self.source = source
        self.baseYear = baseYear
        self.stages = stages
        self.targets = targets
    }

    public func stage(_ number: String) -> StageTemplate? { stages.first { $0.number == number } }

    /// A stage's deadline for a campaign year; written years first move from `baseYear` to `firstYear`.
    ///
    /// `firstYear` is the year that plays the original plan's year — the campaign's own year unless a
    /// multi-year programme (Dalnegorsk 2016–2018) is restarted: then its first year.
    public func resolution(
        of stage: StageTemplate, year: Int, firstYear: Int? = nil, eventDays: [String: Day] = [:]
    ) -> DeadlineResolution {
        let shift = baseYear.map { (firstYear ?? year) - $0 } ?? 0
        return stage.deadline.shiftingYears(by: shift).resolution(year: year, eventDays: eventDays)
    }
}

/// One row of a plan, in the document's words.
public struct StageTemplate: Sendable, Equatable {
    /// As numbered in the document: «5», «1.3».
    public var number: String
    public var title: String
    /// The section heading the row stands under, if the document has sections.
    public var section: String?
    public var executors: [Executor]
    /// The executors as the document names them («Члены ОП совместно с организацией оператором»).
    public var executorText: String?
    public var result: ResultForm?
    /// The result as the document words it («Решение Общественного совета»).
    public var resultText: String?
    /// The deadline exactly as written; empty if the document leaves the cell empty.
    public var deadlineText: String
    public var deadline: Deadline
    /// What the template's author inferred (a merged cell, an empty column), in Russian.
    public var note: String?

    public init(
        number: String, title: String, section: String? = nil, executors: [Executor], executorText: String? = nil,
        result: ResultForm? = nil, resultText: String? = nil, deadlineText: String, note: String? = nil
    ) {
        self.number = number
        self.title = title
        self.section = section
        self.executors = executors
        self.executorText = executorText
        self.result = result
        self.resultText = resultText
        self.deadlineText = deadlineText
        self.deadline = Deadline.parse(deadlineText)
        self.note = note
    }
}

/// Who carries out a stage.
public enum Executor: Sendable, Hashable {
    /// The local administration or its head.
    case administration
    /// The public council (общественный совет, общественная палата).
    case council
    case councilSecretary
    /// The organisation-operator that collects and summarises the information.
    case `operator`
    /// The assessed institutions.
    case institutions
    /// The body exercising the founder's powers (управление образования, отдел культуры).
    case founder
    /// A working group (of the council, of independent experts).
    case workingGroup
    case other(String)

    /// Config ids, in the order error messages list them; `other` takes its title from the text.
    public static let ids: [String] = [
        "administration", "council", "council_secretary", "operator", "institutions", "founder", "working_group", "other",
    ]

    /// The executor for a config id; `other` needs the document's wording.
    public init?(id: String, text: String? = nil) {
        switch id {
        case "administration": self = .administration
        case "council": self = .council
        case "council_secretary": self = .councilSecretary
        case "operator": self = .operator
        case "institutions": self = .institutions
        case "founder": self = .founder
        case "working_group": self = .workingGroup
        case "other": self = .other(text ?? "Иной исполнитель")
        default: return nil
        }
    }

    public var id: String {
        switch self {
        case .administration: "administration"
        case .council: "council"
        case .councilSecretary: "council_secretary"
        case .operator: "operator"
        case .institutions: "institutions"
        case .founder: "founder"
        case .workingGroup: "working_group"
        case .other: "other"
        }
    }

    public var title: String {
        switch self {
        case .administration: "Администрация"
        case .council: "Общественный совет"
        case .councilSecretary: "Секретарь общественного совета"
        case .operator: "Организация-оператор"
        case .institutions: "Организации, участвующие в оценке"
        case .founder: "Орган, осуществляющий функции учредителя"
        case .workingGroup: "Рабочая группа"
        case .other(let text): text
        }
    }
}

/// What a stage produces.
public enum ResultForm: String, Sendable, Hashable, CaseIterable, Codable {
    /// A decision of the council.
    case decision
    /// An order or a decree of the administration or the founder.
    case order
    case report
    case proposals
    /// Information placed on a website, bus.gov.ru or in the press.
    case publication
    case plan
    /// A list (of institutions, of criteria).
    case list
    case questionnaire
    case other

    public var title: String {
        switch self {
        case .decision: "Решение"
        case .order: "Приказ, постановление"
        case .report: "Отчёт"
        case .proposals: "Предложения"
        case .publication: "Размещение информации"
        case .plan: "План"
        case .list: "Перечень"
        case .questionnaire: "Анкета"
        case .other: "Иное"
        }
    }
}

/// A programme's target indicator with its planned value for each year.
public struct PlanTarget: Sendable, Equatable {
    public enum Unit: String, Sendable, Hashable, CaseIterable, Codable {
        case percent
        case count

        public var title: String {
            switch self {
            case .percent: "%"
            case .count: "ед."
            }
        }
    }

    public struct Value: Sendable, Equatable {
        public var year: Int
        public var value: Double

        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    public var id: PlanTargetID
    public var title: String
    public var unit: Unit
    /// By year, ascending.
    public var values: [Value]

    public init(id: PlanTargetID, title: String, unit: Unit, values: [Value]) {
        self.id = id
        self.title = title
        self.unit = unit
        self.values = values.sorted { $0.year < $1.year }
    }

    public func value(for year: Int) -> Double? { values.first { $0.year == year }?.value }
}
