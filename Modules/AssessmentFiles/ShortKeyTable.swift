/// Up to 15 bytes of a cell packed into two words, with the length: a key found without building a `String`.
struct ShortKey: Equatable {
    var low: UInt64
    var high: UInt64

    static let maxLength = 15

    /// Nil when the bytes are longer than `maxLength`: the caller takes the `String` path.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        let length = end - start
        guard length <= Self.maxLength else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = UInt64(length + 1) << 56
        var shift: UInt64 = 0
        var index = start
        while index < end && shift < 64 {
            low |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        shift = 0
        while index < end {
            high |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        self.low = low
        self.high = high
    }

    /// Never equal to a real key: the length byte of a real key is at least 1.
    static let empty = ShortKey(low: 0, high: 0)

    private init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    var hashValue32: Int { Int(truncatingIfNeeded: mix(low ^ mix(high))) }
}

/// MurmurHash3's 64-bit finaliser: every bit of the key reaches the low bits a table masks with.
@inline(__always)
func mix(_ value: UInt64) -> UInt64 {
    var x = value
    x ^= x >> 33
    x &*= 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    x &*= 0xC4CE_B9FE_1A85_EC53
    x ^= x >> 33
    return x
}

/// An open-addressing map from `ShortKey` to `Int32`, for the few spellings of a column (memoised answers,
/// channels, organisation codes) and the questionnaire numbers of a file. Lookups hash two words, not a string.
struct ShortKeyTable {
    private var keys: [ShortKey]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: .empty, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
    }

    subscript(key: ShortKey) -> Int32? {
        var slot = key.hashValue32 & mask
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == .empty { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Stores `value` under `key`, which must not be there yet.
    mutating func insert(_ key: ShortKey, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        var slot = key.hashValue32 & mask
        while keys[slot] != .empty { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: .empty, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: keys.count)
        mask = keys.count - 1
        for (slot, key) in oldKeys.enumerated() where key != .empty {
            var target = key.hashValue32 & mask
            while keys[target] != .empty { target = (target + 1) & mask }
            keys[target] = key
            values[target] = oldValues[slot]
        }
    }
}

/// An open-addressing counter keyed by a packed `UInt64` (question, answer code, counted).
struct CountTable {
    private var keys: [UInt64]
    private var counts: [Int]
    private var mask: Int
    private(set) var count = 0

    /// Room for `capacity` keys before the table grows.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        counts = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Adds one under `key`; `key` must not be zero.
    mutating func increment(_ key: UInt64) {
        var slot = Int(truncatingIfNeeded: mix(key)) & mask
        while true {
            let found = keys[slot]
            if found == key {
                counts[slot] += 1
                return
            }
            if found == 0 { break }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        counts[slot] = 1
        count += 1
        if count * 2 > keys.count { grow() }
    }

    /// Takes one back from `key`, which was incremented before.
    mutating func decrement(_ key: UInt64) {
        var slot = Int(truncatingIfNeeded: mix(key)) & mask
        while keys[slot] != key {
            precondition(keys[slot] != 0, "a count taken back that was never added")
            slot = (slot + 1) & mask
        }
        counts[slot] -= 1
    }

    /// Every key with a count above zero, in no particular order.
    var entries: [(key: UInt64, count: Int)] {
        zip(keys, counts).filter { $0.0 != 0 && $0.1 > 0 }.map { (key: $0.0, count: $0.1) }
    }

    private mutating func grow() {
        let oldKeys = keys, oldCounts = counts
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        counts = Array(repeating: 0, count: keys.count)
        mask = keys.count - 1
        for (key, value) in zip(oldKeys, oldCounts) where key != 0 {
            var slot = Int(truncatingIfNeeded: mix(key)) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            counts[slot] = value
        }
    }
}
