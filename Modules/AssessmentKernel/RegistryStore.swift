public import Foundation

/// The registry of institutions as a port: the kernel says what is stored, adapters say how.
public protocol RegistryStore: Sendable {
    /// Adds new institutions and updates changed ones in one transaction: all rows or none.
    /// A file whose content hash was imported before changes nothing.
    func importOrganizations(_ organizations: [Organization], file: ImportedFile, actor: String) throws -> ImportReceipt
    /// Active institutions, or all with `includeInactive`; ordered by sector, then id.
    func organizations(includeInactive: Bool) throws -> [Organization]
    func organization(_ id: OrganizationID) throws -> Organization?
    /// Replaces one institution's record; the log gets every changed field, old and new.
    func update(_ organization: Organization, actor: String, reason: String?) throws
    /// Never deletes: an institution with results must stay traceable.
    func deactivate(_ id: OrganizationID, actor: String, reason: String) throws
    /// Newest first.
    func auditLog(limit: Int) throws -> [AuditEntry]
}

/// A data file as imported: where it came from and its content hash.
public struct ImportedFile: Sendable, Equatable, Codable {
    public var kind: String
    public var path: String
    public var sha256: String
    public var rows: Int
    /// What was detected in it, e.g. «кодировка Windows-1251, разделитель «;»».
    public var format: String

    public init(kind: String, path: String, sha256: String, rows: Int, format: String) {
        self.kind = kind
        self.path = path
        self.sha256 = sha256
        self.rows = rows
        self.format = format
    }
}

public struct ImportReceipt: Sendable, Equatable, Codable {
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    /// The same content was imported before (by hash); nothing was written.
    public var alreadyImported: Bool

    public init(inserted: Int, updated: Int, unchanged: Int, alreadyImported: Bool) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.alreadyImported = alreadyImported
    }
}

/// One change: who, when, what, why.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int
    /// ISO 8601 UTC.
    public var at: String
    public var actor: String
    public var action: String
    public var entity: String
    public var entityID: String
    public var details: String
    public var reason: String?

    public init(id: Int, at: String, actor: String, action: String, entity: String, entityID: String, details: String, reason: String?) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.details = details
        self.reason = reason
    }
}

/// Store errors in Russian.
public enum StoreError: Error, Equatable, Sendable, LocalizedError {
    case organizationNotFound(OrganizationID)
    case parentNotFound(OrganizationID, parent: OrganizationID)
    case alreadyInactive(OrganizationID)
    case campaignExists(String)
    case campaignNotFound(String)
    case campaignApproved(String)
    case duplicateResponse(campaign: String, externalID: String)
    case responseNotFound(campaign: String, externalIDs: [String])
    case newVersionNeedsReason(String)
    case stageNotFound(campaign: String, number: String)
    case measureNotFound(Int)
    case meetingNotFound(Int)
    case institutionOutsideCampaign(OrganizationID, campaign: String)
    case programmeExists(String)
    case programmeNotFound(String)
    case campaignOutsideProgramme(campaign: String, year: Int, programme: String, years: ClosedRange<Int>)
    case programmeYearTaken(programme: String, year: Int, campaign: String)
    /// Approved results handed over in pieces did not add up to the size announced for them.
    case payloadSizeMismatch(expected: Int)
    /// A stored score could not be read back (damaged, or written in an encoding this version does not know).
    case unreadablePayload(campaign: String, organization: String)
    /// An approved version's stored text could not be read back.
    case unreadableApproval(campaign: String, version: Int)

    public var message: String {
        switch self {
        case .organizationNotFound(let id): "Организации с кодом «\(id)» нет в реестре."
        case .parentNotFound(let id, let parent):
            "Организация «\(id)»: головной организации «\(parent)» нет ни в файле, ни в реестре."
        case .alreadyInactive(let id): "Организация «\(id)» уже выведена из реестра."
        case .campaignExists(let id): "Кампания «\(id)» уже существует."
        case .campaignNotFound(let id): "Кампании «\(id)» нет в базе: создайте её командой campaign create."
        case .campaignApproved(let id): "Результаты кампании «\(id)» утверждены: данные менять нельзя."
        case .measureNotFound(let id): "Мероприятия № \(id) нет в планах."
        case .meetingNotFound(let id): "Заседания № \(id) нет в базе."
        case .institutionOutsideCampaign(let id, let campaign):
            "Организации «\(id)» нет в реестре или её сфера не оценивается в кампании «\(campaign)»."
        case .programmeExists(let id): "Программа «\(id)» уже существует."
        case .programmeNotFound(let id): "Программы «\(id)» нет в базе: создайте её командой programme create."
        case .campaignOutsideProgramme(let campaign, let year, let programme, let years):
            "Кампания «\(campaign)» (\(year) год) вне сроков программы «\(programme)» (\(years.lowerBound)–\(years.upperBound))."
        case .programmeYearTaken(let programme, let year, let campaign):
            "В программе «\(programme)» у \(year) года уже есть кампания «\(campaign)»."
        case .stageNotFound(let campaign, let number):
            "В плане кампании «\(campaign)» нет этапа № \(number)."
        case .newVersionNeedsReason(let id):
            "Результаты кампании «\(id)» уже утверждены: новая версия требует причины (--reason)."
        case .responseNotFound(let campaign, let externalIDs):
            "В кампании «\(campaign)» нет анкет с номерами: \(externalIDs.prefix(10).map { "«\($0)»" }.joined(separator: ", "))"
                + (externalIDs.count > 10 ? " и ещё \(externalIDs.count - 10)" : "") + ". Ничего не изменено."
        case .duplicateResponse(let campaign, let externalID):
            "Анкета с номером «\(externalID)» уже загружена в кампанию «\(campaign)» из другого файла."
        case .payloadSizeMismatch(let expected):
            "Утверждаемые результаты не совпали по размеру с объявленным (\(expected) байт): ничего не сохранено, повторите утверждение."
        case .unreadableApproval(let campaign, let version):
            "Текст утверждённой версии \(version) кампании «\(campaign)» не читается (повреждён или записан более новой версией "
                + "программы). Хеш версии в базе сохранён; сверка (nok-admin verify) от этого текста не зависит."
        case .unreadablePayload(let campaign, let organization):
            "Сохранённый расчёт кампании «\(campaign)» для организации «\(organization)» не читается (повреждён или записан "
                + "более новой версией программы): пересчитайте кампанию командой nok-admin score."
        }
    }

    public var errorDescription: String? { message }
}
