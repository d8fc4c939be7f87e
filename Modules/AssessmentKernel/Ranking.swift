/// Places in a ranking: equal totals share a rank (policy `ties`).
public struct RankedScore: Sendable, Equatable {
    /// Nil for organisations without a total.
    public var rank: Int?
    public var score: OrganizationScore
}

public enum Ranking {
    /// Orders by total (highest first), then by name; totals compared at the policy's decimals.
    public static func rank(_ scores: [OrganizationScore], policies: ScoringPolicies) -> [RankedScore] {
        // Each total is rounded once and the positions are sorted, not the scores: rounding inside the
        // comparator was most of the time of ranking 10 000 institutions.
        let keys = scores.map { score in score.total.map { DecimalRounding.round($0, decimals: policies.decimals) } }
        let order = scores.indices.sorted { i, j in
            switch (keys[i], keys[j]) {
            case let (x?, y?) where x != y: return x > y
            case (nil, _?): return false
            case (_?, nil): return true
            default:
                let (a, b) = (scores[i].organization, scores[j].organization)
                return (a.name, a.id.rawValue) < (b.name, b.id.rawValue)
            }
        }
        var result: [RankedScore] = []
        result.reserveCapacity(scores.count)
        var previous: Double?
        var rank = 0
        var distinct = 0
        for (position, index) in order.enumerated() {
            let score = scores[index]
            guard let total = keys[index] else {
                result.append(RankedScore(rank: nil, score: score))
                continue
            }
            if total != previous {
                distinct += 1
                rank = policies.ties == .shared ? position + 1 : distinct
                previous = total
            }
            result.append(RankedScore(rank: rank, score: score))
        }
        return result
    }

    /// Mean of the totals that exist (sector and municipality aggregates).
    public static func meanTotal(_ scores: [OrganizationScore], decimals: Int) -> Double? {
        let totals = scores.compactMap(\.total)
        guard !totals.isEmpty else { return nil }
        return DecimalRounding.round(totals.reduce(0, +) / Double(totals.count), decimals: decimals)
    }
}
