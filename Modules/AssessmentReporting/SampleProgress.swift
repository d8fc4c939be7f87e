public import AssessmentKernel

/// One institution's sample: the minimum it needs (675н, region policy) against the questionnaires received,
/// by channel. `nok-admin sample` and the campaign dashboard show the same lines.
public struct SampleProgress: Sendable, Equatable, Encodable {
    public var organization: String
    public var name: String
    public var required: Int?
    public var received: Int
    public var shortfall: Int
    public var byChannel: [String: Int]

    /// Channels in the order they are shown, with their Russian names.
    public static let channels = [("web", "сайт"), ("paper", "бумага"), ("interview", "интервью"), ("phone", "телефон")]

    /// A line per assessed unit, in the scores' order.
    public static func lines(_ scores: [OrganizationScore], channels: [OrganizationID: [String: Int]]) -> [SampleProgress] {
        scores.map { score in
            SampleProgress(organization: score.organization.id.rawValue, name: score.organization.displayName, required: score.sample.required,
                           received: score.respondents, shortfall: score.sample.shortfall, byChannel: channels[score.organization.id] ?? [:])
        }
    }

    /// «сайт 12, бумага 3», empty when nothing was received.
    public var channelText: String {
        Self.channels.compactMap { key, title in byChannel[key].map { "\(title) \($0)" } }.joined(separator: ", ")
    }
}
