import AssessmentConfig
import AssessmentKernel

/// Registry values checked against the sector configs: a sector, type or kind the configs do not know
/// is an error that names the organisation, never a silent fallback.
enum RegistryValidation {
    static func sectors(of organizations: [Organization], config: ConfigBundle) throws -> [SectorID: SectorDefinition] {
        var sectors: [SectorID: SectorDefinition] = [:]
        for organization in organizations {
            guard let sector = config.sector(organization.sector) else {
                throw KernelError.unknownSector(organization.sector, organization: organization.id)
            }
            if let type = organization.type, sector.type(type) == nil {
                throw KernelError.unknownInstitutionType(type, sector: sector.id, organization: organization.id)
            }
            // A misspelt kind would fall back to the type's criteria (theatres: К1 and К3 only).
            if let kind = organization.kind, let type = organization.type.flatMap(sector.type),
               !type.kinds.contains(where: { $0.id == kind }) {
                throw KernelError.unknownInstitutionKind(kind, type: type.id, sector: sector.id, organization: organization.id)
            }
            sectors[sector.id] = sector
        }
        return sectors
    }
}
