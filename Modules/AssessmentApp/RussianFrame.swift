public import ArgumentParser
import AssessmentStorage
import Foundation

/// ArgumentParser writes the frame of its help and errors in English (USAGE, OPTIONS, "Show help
/// information."); every word of ours is Russian. The executables run through here, and the frame's fixed
/// phrases are put into Russian before anything is printed.
public enum RussianFrame {
    private static let phrases: [(pattern: String, replacement: String)] = [
        ("^OVERVIEW:", "НАЗНАЧЕНИЕ:"),
        ("^USAGE:", "ВЫЗОВ:"),
        ("^Usage:", "Вызов:"),
        ("^OPTIONS:", "ПАРАМЕТРЫ:"),
        ("^ARGUMENTS:", "АРГУМЕНТЫ:"),
        ("^SUBCOMMANDS:", "КОМАНДЫ:"),
        ("^Error: ", "Ошибка: "),
        ("^Help: ", "Справка: "),
        ("Show help information\\.", "Показать эту справку."),
        ("Show the version\\.", "Показать версию."),
        ("See '(.+?) help <subcommand>' for detailed help\\.", "Справка о команде: '$1 help <команда>'."),
        ("See '(.+?)' for more information\\.", "Подробнее: '$1'."),
        ("Missing expected argument '(.+?)'", "Не указан обязательный параметр '$1'"),
        ("Missing value for '(.+?)'", "Не указано значение параметра '$1'"),
        ("Unknown option '(.+?)'", "Неизвестный параметр '$1'"),
        ("Unexpected arguments? '(.+?)'", "Лишний аргумент '$1'"),
        ("The value '(.+?)' is invalid for '(.+?)'", "Значение '$1' не подходит для '$2'"),
        ("\\(default: ", "(по умолчанию: "),
        ("\\(values: ", "(значения: "),
        ("Please provide one of the following:", "Укажите одно из:"),
        ("Did you mean '(.+?)'\\?", "Возможно, имелось в виду '$1'?"),
    ]

    /// The message with ArgumentParser's fixed phrases in Russian; our own text passes unchanged.
    public static func translate(_ message: String) -> String {
        phrases.reduce(message) { text, phrase in
            text.replacingOccurrences(of: "(?m)" + phrase.pattern, with: phrase.replacement, options: .regularExpression)
        }
    }

    /// What `main()` would print for `error`, in Russian, and its exit code.
    public static func message<Root: ParsableCommand>(for error: any Error, root: Root.Type) -> (text: String, code: Int32) {
        // A busy database reaching here (the survey server opened during a bulk import) is said in Russian too.
        if let busy = BusyDatabase.message(for: error) { return (busy, ExitCode.failure.rawValue) }
        return (translate(root.fullMessage(for: error)), root.exitCode(for: error).rawValue)
    }

    static func main<Root: ParsableCommand>(_ root: Root.Type) {
        do {
            var command = try root.parseAsRoot()
            try command.run()
        } catch {
            finish(error, root)
        }
    }

    static func main<Root: AsyncParsableCommand>(_ root: Root.Type) async {
        do {
            var command = try root.parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            finish(error, root)
        }
    }

    private static func finish<Root: ParsableCommand>(_ error: any Error, _ root: Root.Type) -> Never {
        let (text, code) = message(for: error, root: root)
        if !text.isEmpty {
            let line = text.hasSuffix("\n") ? text : text + "\n"
            FileHandle(fileDescriptor: code == 0 ? 1 : 2).write(Data(line.utf8))
        }
        exit(code)
    }
}
