import Foundation

/// Half-up rounding on the decimal value as written, so 1.005 → 1.01 as a person computes it.
public enum DecimalRounding {
    public static func round(_ value: Double, decimals: Int) -> Double {
        // Binary doubles hold 1.005 as 1.00499…; going through a 9-digit decimal string removes that noise.
        guard value.isFinite else { return value }
        var decimal = Decimal(string: String(format: "%.9f", value)) ?? Decimal(value)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &decimal, decimals, .plain)
        return NSDecimalNumber(decimal: rounded).doubleValue
    }

    /// Fixed-point text with a comma, as Russian reports write numbers.
    public static func format(_ value: Double?, decimals: Int = 2) -> String {
        guard let value else { return "—" }
        return String(format: "%.\(decimals)f", round(value, decimals: decimals))
            .replacingOccurrences(of: ".", with: ",")
    }
}
