public import AssessmentKernel
public import Foundation
import Yams

/// Loads `plans/<id>.yaml` strictly: every problem of every template is collected and reported together.
///
/// A deadline the kernel cannot read is not an error: the stage keeps its text as `.other`, and the
/// campaign asks for the date (`stage.deadline.isUnderstood` tells which ones).
public struct PlanTemplateLoader: Sendable {
    /// The `plans` folder.
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Every template of the folder, sorted by id.
    public func load() throws(ConfigErrors) -> [PlanTemplate] {
        let log = DiagnosticLog()
        var templates: [PlanTemplate] = []
        for url in yamlFiles(log: log) {
            let expectedID = url.deletingPathExtension().lastPathComponent
            if let file = YAMLFile(url: url, log: log), let template = PlanTemplateLoading.load(file, expectedID: expectedID) {
                templates.append(template)
            }
        }
        guard log.diagnostics.isEmpty else { throw ConfigErrors(diagnostics: log.diagnostics) }
        return templates.sorted { $0.id < $1.id }
    }

    private func yamlFiles(log: DiagnosticLog) -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            log.error(directory.path, .start, "папка не найдена")
            return []
        }
        let files = names.filter { $0.hasSuffix(".yaml") }.sorted().map { directory.appendingPathComponent($0) }
        if files.isEmpty { log.error(directory.path, .start, "в папке нет ни одного файла .yaml") }
        return files
    }
}

/// `plans/<id>.yaml`: one municipality's plan of the assessment.
enum PlanTemplateLoading {
    static let keys = ["id", "title", "source", "base_year", "targets", "stages"]
    static let stageKeys = ["number", "section", "title", "executor", "executor_text", "result", "result_text", "deadline", "note"]
    static let targetKeys = ["id", "title", "unit", "values"]

    static func load(_ file: YAMLFile, expectedID: String) -> PlanTemplate? {
        guard let document = file.document(allowed: keys) else { return nil }
        let idNode = document.required("id")
        let id = idNode?.identifier()
        if let id, let idNode, id != expectedID {
            idNode.error("id шаблона «\(id)» не совпадает с именем файла «\(expectedID).yaml»")
        }
        let title = document.required("title")?.text()
        let source = document.required("source")?.text()
        let baseYearNode = document.optional("base_year")
        let baseYear = baseYearNode.flatMap(year)
        let targets = document.optional("targets").map(self.targets) ?? []
        let stages = document.required("stages").flatMap(self.stages)
        guard let id, let title, let source, let stages, baseYearNode == nil || baseYear != nil else { return nil }
        return PlanTemplate(id: PlanTemplateID(id), title: title, source: source, baseYear: baseYear,
                            stages: stages, targets: targets)
    }

    /// A year written as a plain number: `2016`.
    private static func year(_ node: ConfigNode) -> Int? {
        guard let year = node.integer() else { return nil }
        guard (1900...2100).contains(year) else {
            node.error("ожидался год от 1900 до 2100, а задано «\(year)»")
            return nil
        }
        return year
    }

    // MARK: Stages

    /// Nil when the list itself is unreadable; stages with errors are left out (the errors are logged).
    private static func stages(_ node: ConfigNode) -> [StageTemplate]? {
        guard let items = node.sequence() else { return nil }
        if items.isEmpty { node.error("в шаблоне нет ни одного этапа") }
        var lines: [String: Int] = [:]
        return items.compactMap { item -> StageTemplate? in
            guard let fields = item.mapping(allowed: stageKeys) else { return nil }
            let numberNode = fields.required("number")
            let number = numberNode?.text()
            if let number, let numberNode {
                if let line = lines[number] { numberNode.error("этап «\(number)» уже объявлен в строке \(line)") }
                lines[number] = lines[number] ?? numberNode.position.line
            }
            let title = fields.required("title")?.text()
            let section = fields.optional("section")?.text()
            let executorTextNode = fields.optional("executor_text")
            let executorText = executorTextNode?.text()
            let executors = fields.required("executor").flatMap {
                Self.executors($0, text: executorText, textWritten: executorTextNode != nil)
            }
            let result = fields.required("result").flatMap(Self.resultForm)
            let resultText = fields.optional("result_text")?.text()
            // Kept exactly as the document writes it; the kernel parses it and keeps what it cannot read.
            let deadlineNode = fields.optional("deadline")
            let deadlineText = deadlineNode?.string()
            let note = fields.optional("note")?.text()
            guard let number, let title, let executors, let result, deadlineNode == nil || deadlineText != nil else { return nil }
            return StageTemplate(
                number: number, title: title, section: section, executors: executors, executorText: executorText,
                result: result, resultText: resultText, deadlineText: deadlineText ?? "", note: note)
        }
    }

    /// One executor id or a list of them; `other` takes its name from `executor_text`, which it requires.
    /// `textWritten`: the key is there, so an empty value has already been reported at its own place.
    private static func executors(_ node: ConfigNode, text: String?, textWritten: Bool) -> [Executor]? {
        let items: [ConfigNode]
        if case .sequence = node.node {
            guard let list = node.sequence() else { return nil }
            if list.isEmpty {
                node.error("не указан ни один исполнитель")
                return nil
            }
            items = list
        } else {
            items = [node]
        }
        var seen: Set<String> = []
        var failed = false
        var executors: [Executor] = []
        for item in items {
            guard let id = item.string() else {
                failed = true
                continue
            }
            guard let executor = Executor(id: id, text: text) else {
                item.error("неизвестный исполнитель «\(id)»; допустимы: \(Executor.ids.joined(separator: ", "))")
                failed = true
                continue
            }
            if id == "other", text == nil {
                if !textWritten {
                    item.error("для исполнителя «other» нужен ключ executor_text: название исполнителя словами документа")
                }
                failed = true
            }
            if !seen.insert(id).inserted {
                item.error("исполнитель «\(id)» указан дважды")
                failed = true
            }
            executors.append(executor)
        }
        return failed ? nil : executors
    }

    private static func resultForm(_ node: ConfigNode) -> ResultForm? {
        guard let id = node.string() else { return nil }
        guard let result = ResultForm(rawValue: id) else {
            node.error("неизвестная форма результата «\(id)»; допустимы: \(ResultForm.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return result
    }

    // MARK: Targets

    private static func targets(_ node: ConfigNode) -> [PlanTarget] {
        var lines: [String: Int] = [:]
        return (node.sequence() ?? []).compactMap { item -> PlanTarget? in
            guard let fields = item.mapping(allowed: targetKeys) else { return nil }
            let idNode = fields.required("id")
            let id = idNode?.identifier()
            if let id, let idNode {
                if let line = lines[id] { idNode.error("целевой показатель «\(id)» уже объявлен в строке \(line)") }
                lines[id] = lines[id] ?? idNode.position.line
            }
            let title = fields.required("title")?.text()
            var unit: PlanTarget.Unit?
            if let unitNode = fields.required("unit"), let text = unitNode.string() {
                unit = PlanTarget.Unit(rawValue: text)
                if unit == nil {
                    unitNode.error("неизвестная единица «\(text)»; допустимы: \(PlanTarget.Unit.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            let values = fields.required("values").flatMap(self.values)
            guard let id, let title, let unit, let values else { return nil }
            return PlanTarget(id: PlanTargetID(id), title: title, unit: unit, values: values)
        }
    }

    /// `{2016: 75, 2017: 100}`: planned value by year.
    private static func values(_ node: ConfigNode) -> [PlanTarget.Value]? {
        guard let pairs = node.pairs() else { return nil }
        if pairs.isEmpty {
            node.error("не задано ни одного планового значения; ожидался словарь «год: значение», например {2016: 75}")
            return nil
        }
        var lines: [Int: Int] = [:]
        var failed = false
        var values: [PlanTarget.Value] = []
        for (key, value) in pairs {
            var year: Int?
            if let text = key.string() {
                if text.count == 4, let number = Int(text), (1900...2100).contains(number) {
                    year = number
                } else {
                    key.error("ожидался год (например, 2016), а задано «\(text)»")
                }
            }
            if let year {
                if let line = lines[year] { key.error("значение на \(year) год уже задано в строке \(line)") }
                lines[year] = lines[year] ?? key.position.line
            }
            let number = value.number()
            guard let year, let number else {
                failed = true
                continue
            }
            values.append(PlanTarget.Value(year: year, value: number))
        }
        return failed ? nil : values
    }
}
