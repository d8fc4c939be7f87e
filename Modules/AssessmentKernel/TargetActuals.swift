/// Actual values of the target indicators the seed programmes set (Dalnegorsk 2016–2018), computed
/// from the campaign's data instead of typed into a report.
public enum TargetActuals {
    /// Target ids the system can compute; other targets of a programme are shown with their plan only.
    public static let computable = ["assessed_share", "questionnaire_on_website_share", "council_meetings"]

    /// `data`: every institution of the campaign. An institution counts as assessed when it has
    /// responses or check-list marks; as having the questionnaire on its website when the remote
    /// channels check-list marks its `survey` item present.
    public static func compute(_ data: [OrganizationData], councilMeetings: Int) -> [String: Double] {
        var result: [String: Double] = ["council_meetings": Double(councilMeetings)]
        guard !data.isEmpty else { return result }
        let total = Double(data.count)
        let assessed = data.filter { $0.respondents > 0 || !$0.checklists.isEmpty }.count
        let survey = data.filter { $0.checklists["remote_channels"]?["survey"] == .present }.count
        result["assessed_share"] = DecimalRounding.round(100 * Double(assessed) / total, decimals: 2)
        result["questionnaire_on_website_share"] = DecimalRounding.round(100 * Double(survey) / total, decimals: 2)
        return result
    }
}
