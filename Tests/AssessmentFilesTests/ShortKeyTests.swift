@testable import AssessmentFiles
import Testing

@Suite("Short keys of cells")
struct ShortKeyTests {
    @Test("A cell gives the same key read by two loads (room after it) or byte by byte (at the end of the buffer)")
    func sameKeyEitherWay() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...ShortKey.maxLength {
            for _ in 0..<50 {
                let cell = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let roomy = cell + Array(repeating: UInt8.random(in: 0...255, using: &generator), count: 16)
                let fast = roomy.withUnsafeBufferPointer { ShortKey($0, from: 0, to: length) }
                let slow = cell.withUnsafeBufferPointer { ShortKey($0, from: 0, to: length) }
                #expect(fast == slow)
                #expect(fast != nil)
            }
        }
        let long = Array(repeating: UInt8(ascii: "a"), count: 40)
        #expect(long.withUnsafeBufferPointer { ShortKey($0, from: 0, to: 16) } == nil)
    }

    @Test("Keys of different cells differ, also when one is the other with zero bytes added")
    func distinct() {
        let cells: [[UInt8]] = [[], [0], [0, 0], Array("да".utf8), Array("Да".utf8), Array("cul-01694".utf8), Array("cul-016940".utf8)]
        let keys = cells.map { cell in (cell + Array(repeating: 0, count: 16)).withUnsafeBufferPointer { ShortKey($0, from: 0, to: cell.count)! } }
        for i in keys.indices {
            for j in keys.indices where i != j { #expect(keys[i] != keys[j]) }
        }
    }
}
