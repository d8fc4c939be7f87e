import Foundation

/// Half-up rounding on the decimal value as written, so 1.005 → 1.01 as a person computes it.
public enum DecimalRounding {
    public static func round(_ value: Double, decimals: Int) -> Double {
        guard value.isFinite else { return value }
        return fastRound(value, decimals: decimals) ?? roundThroughDecimal(value, decimals: decimals)
    }

    /// The definition: the value written with 9 decimals, rounded half-up as a `Decimal`, read back as
    /// Foundation reads a `Decimal` (`round` gives the same doubles, faster, for the values scores take).
    public static func roundThroughDecimal(_ value: Double, decimals: Int) -> Double {
        // Binary doubles hold 1.005 as 1.00499…; going through a 9-digit decimal string removes that noise.
        guard value.isFinite else { return value }
        var decimal = Decimal(string: String(format: "%.9f", value)) ?? Decimal(value)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &decimal, decimals, .plain)
        return NSDecimalNumber(decimal: rounded).doubleValue
    }

    private static let powersOfTen: [Int64] = (0...9).map { power in (0..<power).reduce(Int64(1)) { product, _ in product * 10 } }

    /// `roundThroughDecimal` in integers, for |value| < 4·10⁶ and 0…9 decimals (nil otherwise).
    ///
    /// `%.9f` prints the exact binary value rounded half-to-even at the 9th decimal: that integer is
    /// recovered from value × 10⁹ and the product's exact rounding error (a fused multiply-add), so no
    /// text is formatted or parsed. Foundation reads the rounded `Decimal` back by dividing its mantissa by
    /// 10 once per decimal; the same divisions give the same double.
    static func fastRound(_ value: Double, decimals: Int) -> Double? {
        guard let mantissa = roundedMantissa(value, decimals: decimals) else { return nil }
        var result = Double(mantissa)
        for _ in 0..<decimals { result /= 10 }
        // A negative value that rounds to zero gives 0, not −0, as the `Decimal` does.
        return value < 0 && mantissa != 0 ? -result : result
    }

    /// |value| rounded half-up to `decimals` as an integer count of 10^−decimals (nil outside the fast range).
    private static func roundedMantissa(_ value: Double, decimals: Int) -> Int64? {
        guard decimals >= 0 && decimals <= 9 else { return nil }
        let magnitude = Swift.abs(value)
        guard magnitude < 4_000_000 else { return nil }
        // Below 2⁵² the product's ulp is at most ½, so its fraction and error decide the rounding exactly.
        let product = magnitude * 1e9
        let exactError = (-product).addingProduct(magnitude, 1e9)
        let whole = product.rounded(.down)
        let fraction = product - whole
        var ninths = Int64(whole)
        if fraction > 0.5 || (fraction == 0.5 && (exactError > 0 || (exactError == 0 && ninths % 2 == 1))) {
            ninths += 1
        }
        // (A product rounded up onto an integer has its exact value just below it, which still rounds to it.)
        let step = powersOfTen[9 - decimals]
        var mantissa = ninths / step
        if step > 1 && ninths % step >= step / 2 { mantissa += 1 }
        return mantissa
    }

    /// Fixed-point text with a comma, as Russian reports write numbers.
    public static func format(_ value: Double?, decimals: Int = 2) -> String {
        guard let value else { return "—" }
        // The digits of the rounded mantissa are what "%.Nf" prints for the rounded double (it lies within a
        // few ulps of mantissa × 10^−N); written directly, without Foundation's formatting and replacing.
        if value.isFinite, let mantissa = roundedMantissa(value, decimals: decimals) {
            var digits = String(mantissa)
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals + 1 - digits.count) + digits }
            if decimals > 0 { digits.insert(",", at: digits.index(digits.endIndex, offsetBy: -decimals)) }
            return value < 0 && mantissa != 0 ? "-" + digits : digits
        }
        return formatThroughFoundation(value, decimals: decimals)
    }

    /// `format`'s definition: Foundation's "%.Nf" of the rounded value, the point replaced by a comma.
    public static func formatThroughFoundation(_ value: Double, decimals: Int = 2) -> String {
        String(format: "%.\(decimals)f", round(value, decimals: decimals))
            .replacingOccurrences(of: ".", with: ",")
    }
}
