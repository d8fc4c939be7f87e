import AssessmentKernel
import AssessmentReporting
import Foundation
import Testing

/// The byte writer the site and the card use must write exactly what the `String` helpers wrote.
@Suite("Page bytes: numbers and escaping as before")
struct FastTextTests {
    /// Values where half-up rounding on the written decimal differs from rounding the binary double, and the usual ones.
    static let tricky: [Double] = [
        0, 0.005, 0.015, 0.025, 0.045, 1.005, 1.015, 1.115, 2.675, 8.345, 10.005, 12.345, 33.335, 49.995, 66.665, 66.66666666666667,
        76.505, 83.335, 99.995, 99.9951, 99.99499999, 100, 100.0049, 0.0049999999, 0.00499999999, 1e-10, 9.9999999995, 123456.785,
        999999.995, 1.0000000005, 2.5e-9, 0.30000000000000004, 14.999999999, 50.00000000049999, 7.000000000500001,
    ]

    @Test("Numbers: the same text as DecimalRounding.format for 2 and 4 decimals", arguments: [0, 1, 2, 4])
    func numbers(decimals: Int) {
        var generator = SystemRandomNumberGenerator()
        var values = Self.tricky + Self.tricky.map { -$0 } + [nil]
        values += (0..<20_000).map { _ in Double.random(in: 0...100, using: &generator) }
        // Values on a grid of halves at the rounding digit, where the two roundings part.
        values += (0..<20_000).map { index in (Double(index) + 0.5) / 1000 }
        values += (0..<2_000).map { index in Double(index) / 3 }
        for value in values {
            #expect(NumberText.format(value, decimals: decimals) == DecimalRounding.format(value, decimals: decimals), "\(String(describing: value))")
        }
    }

    @Test("Escaping: one pass over bytes gives HTMLText.escape's text")
    func escaping() {
        for text in ["", "просто текст", "<b>«Кавычки» & 'апостроф' \"двойные\"</b>", "&&&", "a<", ">b", "смесь <тегов> & ёжиков 🦔 'x'"] {
            var bytes = HTMLBytes()
            bytes.escaped(text)
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == HTMLText.escape(text))
        }
    }
}
