public import AssessmentKernel
import Foundation

/// The results composition bus.gov.ru takes: institution identifiers, criteria values, total, plan
/// measures. The exact upload format is not public, so the layout is one replaceable `BusGovWriter`;
/// CSV and XML writers ship, and a new one only has to implement three calls.
public enum BusGovExport {
    public struct Header: Sendable {
        public var regionName: String
        public var campaign: String
        public var methodology: String
        public var criteria: [Criterion]

        public init(regionName: String, campaign: String, methodology: String, criteria: [Criterion]) {
            self.regionName = regionName
            self.campaign = campaign
            self.methodology = methodology
            self.criteria = criteria
        }
    }

    public struct Record: Sendable {
        public var organization: Organization
        public var criteria: [CriterionScore]
        public var total: Double?
        public var measures: [ImprovementMeasure]
    }

    /// Streams every institution (in the order given) through the writer.
    public static func write(scores: [OrganizationScore], plan: [ImprovementMeasure], header: Header,
                             writer: any BusGovWriter, to sink: any ReportSink) throws {
        let measures = Dictionary(grouping: plan, by: \.organization)
        try writer.begin(header, to: sink)
        for score in scores {
            try writer.record(Record(organization: score.organization, criteria: score.criteria, total: score.total,
                                     measures: measures[score.organization.id] ?? []), header: header, to: sink)
        }
        try writer.end(to: sink)
    }

    /// Dot decimals, two places, as machines read them.
    static func number(_ value: Double?) -> String {
        value.map { NumberText.format($0, separator: UInt8(ascii: ".")) } ?? ""
    }
}

/// One upload layout for bus.gov.ru.
public protocol BusGovWriter {
    func begin(_ header: BusGovExport.Header, to sink: any ReportSink) throws
    func record(_ record: BusGovExport.Record, header: BusGovExport.Header, to sink: any ReportSink) throws
    func end(to sink: any ReportSink) throws
}

/// One row per plan measure (an institution without measures gets one row): identifiers, criteria,
/// total, then the measure. RFC 4180, comma, UTF-8.
public struct BusGovCSVWriter: BusGovWriter {
    public init() {}

    public func begin(_ header: BusGovExport.Header, to sink: any ReportSink) throws {
        var columns = ["inn", "ogrn", "organization_id", "organization"]
        columns += header.criteria.map(\.id.rawValue)
        columns += ["total", "criterion", "shortcoming", "measure", "planned_date", "responsible", "responsible_position", "implemented", "actual_date"]
        try sink.write(columns.joined(separator: ",") + "\r\n")
    }

    public func record(_ record: BusGovExport.Record, header: BusGovExport.Header, to sink: any ReportSink) throws {
        let organization = record.organization
        var prefix = [organization.inn ?? "", organization.ogrn ?? "", organization.id.rawValue, organization.name]
        prefix += header.criteria.map { criterion in
            guard let score = record.criteria.first(where: { $0.id == criterion.id }), score.applied else { return "" }
            return BusGovExport.number(score.value)
        }
        prefix.append(BusGovExport.number(record.total))
        let rows: [[String]] = record.measures.isEmpty ? [prefix + Array(repeating: "", count: 8)] : record.measures.map { measure in
            prefix + [measure.criterion, measure.shortcoming, measure.measure, measure.plannedOn?.iso ?? "", measure.responsibleName ?? "",
                      measure.responsiblePosition ?? "", measure.implemented ?? "", measure.actualOn?.iso ?? ""]
        }
        for row in rows { try sink.write(row.map(Self.field).joined(separator: ",") + "\r\n") }
    }

    public func end(to sink: any ReportSink) throws {}

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// An XML document: `<results>` with one `<organization>` per institution, its criteria, total and measures.
public struct BusGovXMLWriter: BusGovWriter {
    public init() {}

    public func begin(_ header: BusGovExport.Header, to sink: any ReportSink) throws {
        try sink.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<results region=\"\(XMLText.escape(header.regionName))\" campaign=\"\(XMLText.escape(header.campaign))\" methodology=\"\(XMLText.escape(header.methodology))\">\n")
    }

    public func record(_ record: BusGovExport.Record, header: BusGovExport.Header, to sink: any ReportSink) throws {
        let organization = record.organization
        var out = "  <organization id=\"\(XMLText.escape(organization.id.rawValue))\""
        if let inn = organization.inn { out += " inn=\"\(XMLText.escape(inn))\"" }
        if let ogrn = organization.ogrn { out += " ogrn=\"\(XMLText.escape(ogrn))\"" }
        out += ">\n    <name>\(XMLText.escape(organization.name))</name>\n    <criteria>\n"
        for criterion in record.criteria {
            out += "      <criterion code=\"\(XMLText.escape(criterion.id.rawValue))\" applied=\"\(criterion.applied)\">"
            out += criterion.applied ? BusGovExport.number(criterion.value) : ""
            out += "</criterion>\n"
        }
        out += "    </criteria>\n    <total>\(BusGovExport.number(record.total))</total>\n"
        if !record.measures.isEmpty {
            out += "    <measures>\n"
            for measure in record.measures {
                out += "      <measure criterion=\"\(XMLText.escape(measure.criterion))\">\n"
                out += "        <shortcoming>\(XMLText.escape(measure.shortcoming))</shortcoming>\n"
                out += "        <text>\(XMLText.escape(measure.measure))</text>\n"
                if let planned = measure.plannedOn { out += "        <plannedDate>\(planned.iso)</plannedDate>\n" }
                if let name = measure.responsibleName {
                    out += "        <responsible position=\"\(XMLText.escape(measure.responsiblePosition ?? ""))\">\(XMLText.escape(name))</responsible>\n"
                }
                if let implemented = measure.implemented { out += "        <implemented>\(XMLText.escape(implemented))</implemented>\n" }
                if let actual = measure.actualOn { out += "        <actualDate>\(actual.iso)</actualDate>\n" }
                out += "      </measure>\n"
            }
            out += "    </measures>\n"
        }
        try sink.write(out + "  </organization>\n")
    }

    public func end(to sink: any ReportSink) throws { try sink.write("</results>\n") }
}

/// XML text and attribute escaping; characters XML 1.0 forbids are dropped.
public enum XMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
