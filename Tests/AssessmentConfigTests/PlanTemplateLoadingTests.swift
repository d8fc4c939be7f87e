import AssessmentConfig
import AssessmentKernel
import Foundation
import Testing
import TestSupport

/// The campaign plan templates of `Configs/plans`, and each error of their loader with its exact position.
@Suite("Plan template loading")
struct PlanTemplateLoadingTests {
    static let plan = """
        schema_version: 1
        id: mini
        title: Тестовый план
        source: Тестовый округ
        stages:
          - number: "1"
            title: Утверждение перечня
            executor: council
            result: list
            deadline: до 1 апреля
          - number: "2"
            title: Сбор информации
            executor: [council, operator]
            executor_text: Члены совета совместно с оператором
            result: report
            deadline: Май- октябрь
        """

    static let targets = """
        targets:
          - id: share
            title: Доля учреждений
            unit: percent
            values: {2016: 75, 2017: 100}

        """

    /// A fresh `plans` folder holding `files` (name → text).
    struct Folder {
        let root: URL

        init(_ files: [String: String]) throws {
            root = try RepositoryPaths.temporaryDirectory("plans")
            for (name, text) in files {
                try Data(text.utf8).write(to: root.appendingPathComponent(name))
            }
        }

        func path(_ name: String) -> String { root.appendingPathComponent(name).path }
    }

    func diagnostics(_ files: [String: String]) throws -> (Folder, [String]) {
        let folder = try Folder(files)
        do {
            _ = try PlanTemplateLoader(directory: folder.root).load()
            return (folder, [])
        } catch {
            return (folder, error.diagnostics.map(\.description))
        }
    }

    func replacing(_ text: String, _ old: String, _ new: String) -> String {
        precondition(text.contains(old), "fixture text not found: \(old)")
        return text.replacingOccurrences(of: old, with: new)
    }

    func realTemplates() throws -> [PlanTemplate] {
        try PlanTemplateLoader(directory: RepositoryPaths.configs.appendingPathComponent("plans")).load()
    }

    // MARK: The real templates

    @Test("The five real templates load, sorted by id")
    func realTemplatesLoad() throws {
        let templates = try realTemplates()
        #expect(templates.map(\.id.rawValue) == ["amur", "dalnegorsk", "kaspiysk", "kilmez", "zeya"])
        #expect(templates.map(\.stages.count) == [5, 21, 16, 11, 9])
        #expect(templates.map(\.baseYear) == [2013, 2016, nil, 2022, 2018])
        for template in templates {
            #expect(!template.title.isEmpty && !template.source.isEmpty)
            #expect(Set(template.stages.map(\.number)).count == template.stages.count)
        }
    }

    @Test("Kaspiysk: 16 stages, each deadline kept exactly as the document writes it")
    func kaspiysk() throws {
        let template = try #require(try realTemplates().first { $0.id == "kaspiysk" })
        #expect(template.stages.map(\.number) == (1...16).map(String.init))
        let meeting = "На  заседании Общественной палаты  до 1 апреля"
        #expect(template.stages.map(\.deadlineText) == [
            "до 1 апреля", meeting, meeting, meeting, "До 15 апреля", "До 15 апреля", "апрель",
            "Май- октябрь", "Май- октябрь", "Май- октябрь",
            "ноябрь", "ноябрь", "ноябрь", "ноябрь", "ноябрь", "ноябрь",
        ])
        for stage in template.stages {
            #expect(stage.deadline == Deadline.parse(stage.deadlineText))
            #expect(stage.deadline.isUnderstood, "«\(stage.deadlineText)»")
        }
        #expect(template.stages[1].deadline == .atMeeting(body: "Общественной палаты", .by(day: 1, month: 4, year: nil)))
        #expect(template.stages[7].deadline == .months(from: 5, to: 10, year: nil))

        let sixth = try #require(template.stage("6"))
        #expect(sixth.executors == [.council, .operator])
        #expect(sixth.executorText == "Члены ОП совместно с организацией оператором")
        #expect(sixth.result == .questionnaire)
        #expect(sixth.resultText == nil)
        #expect(template.stage("3")?.note?.hasPrefix("В документе графы срока и исполнителей пусты") == true)
        #expect(template.targets.isEmpty)
    }

    @Test("Dalnegorsk: target indicators with planned values per year")
    func dalnegorsk() throws {
        let template = try #require(try realTemplates().first { $0.id == "dalnegorsk" })
        #expect(template.baseYear == 2016)
        #expect(template.targets.map(\.id.rawValue) == ["assessed_share", "questionnaire_on_website_share", "council_meetings"])
        #expect(template.targets.map(\.unit) == [.percent, .percent, .count])
        #expect(template.targets.map { $0.values.map(\.year) } == [[2016, 2017, 2018], [2016, 2017, 2018], [2016, 2017, 2018]])
        #expect(template.targets.map { $0.values.map(\.value) } == [[75, 100, 0], [100, 100, 100], [3, 3, 3]])
        #expect(template.targets[0].value(for: 2017) == 100)
        #expect(template.targets[0].title.hasPrefix("Доля муниципальных учреждений образования"))

        let stage = try #require(template.stage("1.3"))
        #expect(stage.deadlineText == "4 квартал 2016\n3 квартал 2017")
        #expect(stage.deadline == .several([.quarter(4, year: 2016), .quarter(3, year: 2017)]))
        #expect(template.stage("1.1")?.executors == [.workingGroup, .founder])
        #expect(template.stage("10")?.result == .other)
        #expect(template.stage("10")?.resultText == "Совещания с руководителями")
    }

    // MARK: Valid test templates

    @Test("The fixture template loads with every field read")
    func fixtureLoads() throws {
        let folder = try Folder(["mini.yaml": Self.plan, "with-targets.yaml": replacing(
            replacing(Self.plan, "id: mini", "id: with-targets"), "stages:\n", Self.targets + "stages:\n")])
        let templates = try PlanTemplateLoader(directory: folder.root).load()
        #expect(templates.map(\.id.rawValue) == ["mini", "with-targets"])
        let mini = templates[0]
        #expect(mini == PlanTemplate(id: "mini", title: "Тестовый план", source: "Тестовый округ", stages: [
            StageTemplate(number: "1", title: "Утверждение перечня", executors: [.council], result: .list, deadlineText: "до 1 апреля"),
            StageTemplate(number: "2", title: "Сбор информации", executors: [.council, .operator],
                          executorText: "Члены совета совместно с оператором", result: .report, deadlineText: "Май- октябрь"),
        ]))
        #expect(templates[1].targets == [
            PlanTarget(id: "share", title: "Доля учреждений", unit: .percent,
                       values: [.init(year: 2016, value: 75), .init(year: 2017, value: 100)]),
        ])
    }

    @Test("An unparseable deadline is no error: the stage keeps its text as .other; an empty one is unspecified")
    func unparseableDeadline() throws {
        var text = replacing(Self.plan, "deadline: до 1 апреля", "deadline: когда получится")
        text = replacing(text, "    deadline: Май- октябрь", "    deadline:")
        let folder = try Folder(["mini.yaml": text])
        let template = try #require(try PlanTemplateLoader(directory: folder.root).load().first)
        #expect(template.stages[0].deadlineText == "когда получится")
        #expect(template.stages[0].deadline == .other("когда получится"))
        #expect(!template.stages[0].deadline.isUnderstood)
        #expect(template.stages[1].deadlineText == "")
        #expect(template.stages[1].deadline == .unspecified)
    }

    @Test("`other` executor takes its name from executor_text")
    func otherExecutor() throws {
        let text = replacing(Self.plan, "    executor: council\n", "    executor: other\n    executor_text: Депутаты думы\n")
        let folder = try Folder(["mini.yaml": text])
        let template = try #require(try PlanTemplateLoader(directory: folder.root).load().first)
        #expect(template.stages[0].executors == [.other("Депутаты думы")])
        #expect(template.stages[0].executors[0].title == "Депутаты думы")
    }

    // MARK: Errors

    @Test("Unknown key, at its position, listing the allowed keys")
    func unknownKey() throws {
        var text = replacing(Self.plan, "    result: list\n", "    result: list\n    owner: Совет\n")
        text = replacing(text, "source: Тестовый округ\n", "source: Тестовый округ\nyear: 2016\n")
        let (folder, found) = try diagnostics(["mini.yaml": text])
        #expect(found == [
            "\(folder.path("mini.yaml")):5:1: ошибка: неизвестный ключ «year»; допустимы: schema_version, id, title, source, base_year, targets, stages",
            "\(folder.path("mini.yaml")):11:5: ошибка: неизвестный ключ «owner»; допустимы: number, section, title, executor, executor_text, result, result_text, deadline, note",
        ])
        let (second, inTarget) = try diagnostics(["mini.yaml": replacing(
            Self.plan, "stages:\n", replacing(Self.targets, "    unit: percent\n", "    unit: percent\n    source: Программа\n") + "stages:\n")])
        #expect(inTarget == [
            "\(second.path("mini.yaml")):9:5: ошибка: неизвестный ключ «source»; допустимы: id, title, unit, values",
        ])
    }

    @Test("Wrong types: a word for a year, a string for the stage list, a list for a title")
    func wrongTypes() throws {
        let (folder, found) = try diagnostics([
            "mini.yaml": replacing(Self.plan, "source: Тестовый округ\n", "source: Тестовый округ\nbase_year: скоро\n"),
            "second.yaml": "schema_version: 1\nid: second\ntitle: [План, работы]\nsource: Округ\nstages: нет\n",
        ])
        #expect(found == [
            "\(folder.path("mini.yaml")):5:12: ошибка: ожидалось число, а задано значение «скоро»",
            "\(folder.path("second.yaml")):3:8: ошибка: ожидалась строка, а задан список",
            "\(folder.path("second.yaml")):5:9: ошибка: ожидался список, а задано значение «нет»",
        ])
        let (second, stage) = try diagnostics(["mini.yaml": replacing(Self.plan, "    title: Сбор информации\n", "    title: {текст: Сбор}\n")])
        #expect(stage == ["\(second.path("mini.yaml")):12:12: ошибка: ожидалась строка, а задан словарь (ключ: значение)"])
    }

    @Test("Missing schema_version")
    func missingSchemaVersion() throws {
        let (folder, found) = try diagnostics(["mini.yaml": replacing(Self.plan, "schema_version: 1\n", "")])
        #expect(found == ["\(folder.path("mini.yaml")):1:1: ошибка: нет ключа schema_version; первая строка файла должна быть «schema_version: 1»"])
    }

    @Test("The template id must equal the file name")
    func idMatchesFileName() throws {
        let (folder, found) = try diagnostics(["kaspiysk.yaml": Self.plan])
        #expect(found == ["\(folder.path("kaspiysk.yaml")):2:5: ошибка: id шаблона «mini» не совпадает с именем файла «kaspiysk.yaml»"])
    }

    @Test("Duplicate stage numbers")
    func duplicateStageNumber() throws {
        let (folder, found) = try diagnostics(["mini.yaml": replacing(Self.plan, #"- number: "2""#, #"- number: "1""#)])
        #expect(found == [#"\#(folder.path("mini.yaml")):11:13: ошибка: этап «1» уже объявлен в строке 6"#])
    }

    @Test("Unknown executor id, listing the allowed ids")
    func unknownExecutor() throws {
        let (folder, found) = try diagnostics(["mini.yaml": replacing(Self.plan, "[council, operator]", "[council, mayor]")])
        #expect(found == [
            "\(folder.path("mini.yaml")):13:25: ошибка: неизвестный исполнитель «mayor»; допустимы: administration, council, council_secretary, operator, institutions, founder, working_group, other",
        ])
    }

    @Test("Unknown result id, listing the allowed ids")
    func unknownResult() throws {
        let (folder, found) = try diagnostics(["mini.yaml": replacing(Self.plan, "result: list", "result: act")])
        #expect(found == [
            "\(folder.path("mini.yaml")):9:13: ошибка: неизвестная форма результата «act»; допустимы: decision, order, report, proposals, publication, plan, list, questionnaire, other",
        ])
    }

    @Test("Executor `other` requires executor_text")
    func otherNeedsText() throws {
        let (folder, found) = try diagnostics(["mini.yaml": replacing(Self.plan, "    executor: council\n", "    executor: [council, other]\n")])
        #expect(found == [
            "\(folder.path("mini.yaml")):8:25: ошибка: для исполнителя «other» нужен ключ executor_text: название исполнителя словами документа",
        ])
    }

    @Test("Target values: a mapping of year to number")
    func targetValues() throws {
        func plan(_ values: String) -> String {
            replacing(Self.plan, "stages:\n", replacing(Self.targets, "{2016: 75, 2017: 100}", values) + "stages:\n")
        }
        let (folder, found) = try diagnostics([
            "mini.yaml": plan("[75, 100]"),
            "second.yaml": replacing(plan("{2016: много, первый: 100}"), "id: mini", "id: second"),
            "third.yaml": replacing(replacing(plan("{}"), "id: mini", "id: third"), "unit: percent", "unit: rubles"),
        ])
        #expect(found == [
            "\(folder.path("mini.yaml")):9:13: ошибка: ожидался словарь (ключ: значение), а задан список",
            "\(folder.path("second.yaml")):9:20: ошибка: ожидалось число, а задано значение «много»",
            "\(folder.path("second.yaml")):9:27: ошибка: ожидался год (например, 2016), а задано «первый»",
            "\(folder.path("third.yaml")):8:11: ошибка: неизвестная единица «rubles»; допустимы: percent, count",
            "\(folder.path("third.yaml")):9:13: ошибка: не задано ни одного планового значения; ожидался словарь «год: значение», например {2016: 75}",
        ])
    }

    @Test("Errors of all files are reported together, file by file")
    func allFilesTogether() throws {
        let (folder, found) = try diagnostics([
            "a.yaml": replacing(replacing(Self.plan, "id: mini", "id: a"), "result: list", "result: act"),
            "b.yaml": replacing(replacing(Self.plan, "id: mini", "id: b"), "schema_version: 1\n", ""),
            "c.yaml": "schema_version: 1\nid: c\n",
            "d.yaml": "schema_version: 1\nid: d\ntitle: [\n",
        ])
        #expect(found.map { $0.components(separatedBy: ": ошибка: ")[0] } == [
            "\(folder.path("a.yaml")):9:13",
            "\(folder.path("b.yaml")):1:1",
            "\(folder.path("c.yaml")):1:1", "\(folder.path("c.yaml")):1:1", "\(folder.path("c.yaml")):1:1",
            "\(folder.path("d.yaml")):4:1",
        ])
        #expect(found[2...4].map { $0.components(separatedBy: ": ошибка: ")[1] } == [
            "нет обязательного ключа «title»", "нет обязательного ключа «source»", "нет обязательного ключа «stages»",
        ])
        #expect(found[5].contains("ошибка синтаксиса YAML"))
    }

    @Test("A missing folder, or one without templates")
    func folders() throws {
        let empty = try RepositoryPaths.temporaryDirectory("plans")
        let missing = empty.appendingPathComponent("nowhere")
        for (folder, message) in [(empty, "в папке нет ни одного файла .yaml"), (missing, "папка не найдена")] {
            #expect(throws: ConfigErrors.self) { try PlanTemplateLoader(directory: folder).load() }
            do {
                _ = try PlanTemplateLoader(directory: folder).load()
            } catch {
                #expect(error.diagnostics.map(\.description) == ["\(folder.path):1:1: ошибка: \(message)"])
            }
        }
    }
}
