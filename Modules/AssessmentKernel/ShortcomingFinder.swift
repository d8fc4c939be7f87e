/// Turns absent check-list items and low survey shares into shortcomings (methodology.md §5).
struct ShortcomingFinder {
    let sector: SectorDefinition
    let data: OrganizationData

    /// Only indicators that were scored count: a criterion not applied yields no shortcomings.
    func find(_ scores: [IndicatorScore]) -> [Shortcoming] {
        var found: [Shortcoming] = []
        var seenItems: Set<String> = []
        for score in scores {
            guard let indicator = sector.indicator(score.id) else { continue }
            for listID in indicator.formula.checklists {
                guard let list = sector.checklist(listID) else { continue }
                let marks = data.checklists[listID] ?? [:]
                for item in list.items where marks[item.id] == nil || marks[item.id] == .absent {
                    let shortcoming = Shortcoming(
                        source: .checklistItem, criterion: score.criterion, indicator: score.id, checklist: listID,
                        item: item.id, text: item.shortcoming, measure: item.measure, value: nil)
                    if seenItems.insert(shortcoming.key).inserted { found.append(shortcoming) }
                }
            }
            if let rule = indicator.shortcoming, let value = score.value, value < rule.below {
                found.append(Shortcoming(
                    source: .surveyIndicator, criterion: score.criterion, indicator: score.id, checklist: nil,
                    item: nil, text: rule.text, measure: rule.measure, value: value))
            }
        }
        return found
    }
}
