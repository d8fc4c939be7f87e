import ArgumentParser
import AssessmentConfig
import AssessmentKernel
import Foundation

/// `config dump`: what the scoring will actually use, defaults included, so a council member can check one
/// file instead of reading the loader's rules (STYLE 7).
struct DumpConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Вывести действующую конфигурацию в YAML: все значения по умолчанию подставлены явно.",
        discussion: """
            Каждый документ начинается строкой «--- # путь/файла.yaml» и повторяет ключи этого файла: \
            политики region.yaml (правило нулевого знаменателя, округление, минимальная выборка, шкала оценок), \
            положительные ответы показателей-долей, формулировки недостатков пунктов чек-листов. \
            Тип учреждения без списка criteria получает все критерии редакции методики.
            """)

    @OptionGroup var config: ConfigOptions

    @Option(name: .customLong("sector"), help: "Только эта сфера (можно несколько раз), например culture.")
    var sectors: [String] = []

    @Option(name: .shortAndLong, help: "Записать в файл вместо стандартного вывода.")
    var output: String?

    func run() throws {
        try runReportingErrors {
            let bundle = try config.environment().config
            let ids = sectors.map { SectorID($0) }
            for (id, name) in zip(ids, sectors) where bundle.sector(id) == nil { throw AppError.unknownSector(name) }
            let text = try ConfigDump.yaml(bundle, sectors: ids.isEmpty ? nil : Set(ids))
            try emit(text, to: output)
        }
    }
}
