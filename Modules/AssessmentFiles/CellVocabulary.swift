import AssessmentKernel

/// Words accepted in check-list marks and survey channels.
enum CellVocabulary {
    static let present: Set<String> = ["1", "да", "есть", "yes"]
    static let absent: Set<String> = ["0", "нет", "no"]
    static let notApplicable: Set<String> = ["-", "н/п", "неприм"]
    static let markExpectation = "ожидалось «да» (1, есть, yes), «нет» (0, no) или «-» (н/п, неприм), если пункт неприменим"

    static func mark(_ raw: String) -> ItemMark? {
        let key = MatchKey.of(raw)
        if present.contains(key) { return .present }
        if absent.contains(key) { return .absent }
        if notApplicable.contains(key) { return .notApplicable }
        return nil
    }

    /// How a questionnaire was received.
    static let channels: [String: String] = [
        "web": "web", "сайт": "web",
        "paper": "paper", "бумага": "paper",
        "interview": "interview", "интервью": "interview",
        "phone": "phone", "телефон": "phone",
    ]
    static let channelExpectation = "ожидалось web, paper, interview или phone (сайт, бумага, интервью, телефон)"

    static func channel(_ raw: String) -> String? { channels[MatchKey.of(raw)] }
}
