/// The open points of methodology.md §3, each a regional setting with the stated default.
public struct ScoringPolicies: Sendable, Equatable {
    public enum ZeroDenominator: String, Sendable, Equatable, CaseIterable, Codable {
        /// The indicator (or half of 1.3) counts 0, as operators publish.
        case zero
        /// The part is dropped and the remaining weights are rescaled.
        case exclude
        /// The part counts 100.
        case full
    }

    public enum Rounding: String, Sendable, Equatable, CaseIterable, Codable {
        /// Indicators and criteria are rounded before the next step.
        case eachStep = "each_step"
        /// Only the total is rounded.
        case finalOnly = "final_only"
    }

    public enum Ties: String, Sendable, Equatable, CaseIterable, Codable {
        /// 1, 2, 2, 4.
        case shared
        /// 1, 2, 2, 3.
        case dense
    }

    public enum Branches: String, Sendable, Equatable, CaseIterable, Codable {
        case separate
        /// An institution's value is the mean of its assessed units.
        case meanOfUnits = "mean_of_units"
    }

    public var zeroDenominator: ZeroDenominator
    public var rounding: Rounding
    public var decimals: Int
    public var ties: Ties
    public var minimumSample: MinimumSample
    public var ratingBands: [RatingBand]
    public var branches: Branches

    public init(
        zeroDenominator: ZeroDenominator = .zero,
        rounding: Rounding = .eachStep,
        decimals: Int = 2,
        ties: Ties = .shared,
        minimumSample: MinimumSample = MinimumSample(),
        ratingBands: [RatingBand] = RatingBand.defaults,
        branches: Branches = .separate
    ) {
        self.zeroDenominator = zeroDenominator
        self.rounding = rounding
        self.decimals = decimals
        self.ties = ties
        self.minimumSample = minimumSample
        self.ratingBands = ratingBands
        self.branches = branches
    }

    public static let defaults = ScoringPolicies()

    /// The word for a total, from the first band whose lower bound it reaches.
    public func band(for total: Double) -> RatingBand? {
        ratingBands.sorted { $0.from > $1.from }.first { total >= $0.from }
    }
}

/// Minimum number of questionnaires per organisation (675н): a share of recipients, capped.
public struct MinimumSample: Sendable, Equatable {
    public var shareOfRecipients: Double
    public var maximum: Int

    public init(shareOfRecipients: Double = 0.4, maximum: Int = 600) {
        self.shareOfRecipients = shareOfRecipients
        self.maximum = maximum
    }

    public func required(recipients: Int) -> Int {
        let share = (Double(recipients) * shareOfRecipients - 1e-9).rounded(.up)
        return min(max(Int(share), 0), maximum)
    }
}

public struct RatingBand: Sendable, Equatable, Codable {
    public var from: Double
    public var title: String

    public init(from: Double, title: String) {
        self.from = from
        self.title = title
    }

    public static let defaults: [RatingBand] = [
        RatingBand(from: 81, title: "отлично"),
        RatingBand(from: 61, title: "хорошо"),
        RatingBand(from: 41, title: "удовлетворительно"),
        RatingBand(from: 21, title: "ниже среднего"),
        RatingBand(from: 0, title: "неудовлетворительно"),
    ]
}
