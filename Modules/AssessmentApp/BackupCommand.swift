import ArgumentParser
import AssessmentStorage

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Сохранить всю базу в один файл (согласованная копия, можно во время работы).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Новый файл резервной копии.")
    var file: String

    func run() throws {
        try runReportingErrors {
            try database.open().backup(to: file, actor: database.resolvedActor)
            print("Резервная копия записана: \(file)")
        }
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Заменить содержимое базы резервной копией.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Файл резервной копии, сделанной командой backup.")
    var file: String

    @Flag(help: "Подтверждение: текущее содержимое базы будет заменено.")
    var replace = false

    func validate() throws {
        guard replace else {
            throw ValidationError("Восстановление заменит всё содержимое базы \(database.resolvedPath). Если это то, что нужно, добавьте --replace.")
        }
    }

    func run() throws {
        try runReportingErrors {
            try database.open().restore(from: file, actor: database.resolvedActor)
            print("База \(database.resolvedPath) восстановлена из \(file).")
        }
    }
}
