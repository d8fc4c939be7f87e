public import Foundation

/// Errors of the kernel, in Russian for the user.
public enum KernelError: Error, Equatable, LocalizedError {
    case duplicatePlugin(SectorID)
    case unknownSector(SectorID, organization: OrganizationID)
    case unknownInstitutionType(InstitutionTypeID, sector: SectorID, organization: OrganizationID)
    case unknownInstitutionKind(InstitutionKindID, type: InstitutionTypeID, sector: SectorID, organization: OrganizationID)
    case unknownMethodology(MethodologyID)
    case sectorNotForMethodology(SectorID, MethodologyID)

    public var errorDescription: String? {
        switch self {
        case .duplicatePlugin(let id):
            "Плагин сферы «\(id)» зарегистрирован дважды: у каждой сферы должен быть один плагин."
        case .unknownSector(let sector, let organization):
            "Организация «\(organization)» относится к сфере «\(sector)», которой нет в Configs/sectors."
        case .unknownInstitutionType(let type, let sector, let organization):
            "Организация «\(organization)»: тип «\(type)» не описан в Configs/sectors/\(sector)/sector.yaml."
        case .unknownInstitutionKind(let kind, let type, let sector, let organization):
            "Организация «\(organization)»: вид «\(kind)» не описан у типа «\(type)» в Configs/sectors/\(sector)/sector.yaml."
        case .unknownMethodology(let id):
            "Редакция методики «\(id)» не найдена в Configs/methodology."
        case .sectorNotForMethodology(let sector, let methodology):
            "Показатели сферы «\(sector)» не заявлены для редакции методики «\(methodology)» (sector.yaml, ключ methodology)."
        }
    }
}
