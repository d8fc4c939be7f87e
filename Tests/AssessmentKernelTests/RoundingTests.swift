import AssessmentKernel
import Testing

@Suite("Half-up decimal rounding")
struct RoundingTests {
    @Test("The integer path gives the very doubles of the Decimal definition", arguments: 0...4)
    func sameAsDecimal(decimals: Int) {
        var values: [Double] = []
        for m in -3000...30000 {
            values += [Double(m) / 1000, Double(m) / 200, Double(m) / 7, Double(m) * 0.001 + 0.0005, Double(m) * 0.005]
        }
        for m in 0..<2000 {
            let tie = Double(m) * 1e-9 + 5e-10
            values += [tie, tie.nextUp, tie.nextDown, -tie]
        }
        values += [1.005, 2.675, 1.115, 0.125, 0.375, 99.995, 100, 3_999_999.995, 4_000_000.005, 1e12 + 0.5, -0.001, -0.0, 1e-300]
        var generator = SplitMix(seed: 344)
        for _ in 0..<20000 { values.append(Double(generator.next() % 200_000_000) / 1_000_000 + Double(generator.next() % 1000) * 1e-12) }
        let differing = values.filter {
            DecimalRounding.round($0, decimals: decimals).bitPattern != DecimalRounding.roundThroughDecimal($0, decimals: decimals).bitPattern
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        let formattedDifferently = values.filter {
            DecimalRounding.format($0, decimals: decimals) != DecimalRounding.formatThroughFoundation($0, decimals: decimals)
        }
        #expect(formattedDifferently.isEmpty, "\(formattedDifferently.prefix(5))")
        #expect(DecimalRounding.round(1.005, decimals: 2) == 1.01)
        #expect(DecimalRounding.round(.infinity, decimals: 2) == .infinity)
        #expect(DecimalRounding.format(-0.001, decimals: 2) == "0,00" && DecimalRounding.format(-2.5, decimals: 1) == "-2,5")
        #expect(DecimalRounding.format(0.05, decimals: 2) == "0,05" && DecimalRounding.format(nil) == "—")
    }
}

/// A small deterministic generator, so a failure can be repeated.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
