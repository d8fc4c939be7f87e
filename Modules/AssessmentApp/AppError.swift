public import Foundation

/// Errors of the composition root, in Russian for the user.
public enum AppError: Error, LocalizedError, Equatable {
    case configDirectoryNotFound(searchedFrom: String)
    case pluginWithoutConfig(sector: String, folder: String)
    case missingDataFile(String)
    case unknownOrganization(String)
    case unknownSector(String)
    case unknownMethodology(String)
    case sectorNotForMethodology(sector: String, methodology: String)

    public var errorDescription: String? {
        switch self {
        case .configDirectoryNotFound(let start):
            "Не найдена папка конфигурации (Configs с файлом region.yaml) ни в \(start), ни выше. Укажите её: --config-dir ПАПКА."
        case .pluginWithoutConfig(let sector, let folder):
            "Плагин сферы «\(sector)» подключён, но папки \(folder) нет: добавьте конфигурацию сферы или уберите плагин из списка."
        case .missingDataFile(let path):
            "Файл данных не найден: \(path)."
        case .unknownOrganization(let id):
            "Организации с кодом «\(id)» нет в файле организаций."
        case .unknownSector(let id):
            "Сферы «\(id)» нет в конфигурации (Configs/sectors)."
        case .unknownMethodology(let id):
            "Редакция методики «\(id)» не найдена в Configs/methodology."
        case .sectorNotForMethodology(let sector, let methodology):
            "Набор показателей сферы «\(sector)» не заявлен для редакции «\(methodology)» (sector.yaml, ключ methodology)."
        }
    }
}
