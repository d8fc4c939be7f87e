/// Errors a report raises about what it was asked for, in Russian.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    case organizationNotAssessed(String)
    case unknownSector(String)
    case noCampaigns
    case outputFolderMissing(String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .organizationNotAssessed(let id): "Организация «\(id)» не оценивалась ни в одной из выбранных кампаний."
        case .unknownSector(let id): "Сферы «\(id)» нет в конфигурации (Configs/sectors)."
        case .noCampaigns: "Нет кампаний для сравнения: в базе нет кампаний или не указаны --campaigns."
        case .outputFolderMissing(let folder): "Папки для --output нет: \(folder). Создайте её или укажите другой путь."
        case .cannotWrite(let path): "Не удалось записать файл \(path): проверьте права на папку и свободное место."
        }
    }
}
