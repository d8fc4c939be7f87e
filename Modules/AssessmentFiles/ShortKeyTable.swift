/// Up to 15 bytes of a cell packed into two words, with the length: a key found without building a `String`.
struct ShortKey: Equatable {
    var low: UInt64
    var high: UInt64

    static let maxLength = 15

    /// Nil when the bytes are longer than `maxLength`: the caller takes the `String` path.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        let length = end - start
        guard length <= Self.maxLength else { return nil }
        #if _endian(little)
        // Two loads and two masks instead of a loop per byte, where sixteen bytes can be read from `start`.
        if start + 16 <= bytes.count, let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base + start)
            let first = raw.loadUnaligned(as: UInt64.self), second = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            low = length >= 8 ? first : first & ((1 << UInt64(8 * length)) &- 1)
            high = (length > 8 ? second & ((1 << UInt64(8 * (length - 8))) &- 1) : 0) | UInt64(length + 1) << 56
            return
        }
        #endif
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

/// An open-addressing counter keyed by a packed `UInt64` (question, answer code, counted). Key and count share a
/// slot, so a probe touches one cache line; the tables of an import are visited at random, so that line is
/// mostly a miss.
struct CountTable {
    private struct Slot {
        var key: UInt64
        var count: Int
    }

    private var slots: [Slot]
    private var shift: UInt64
    private(set) var count = 0

    /// Room for `capacity` keys before the table grows.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(key: 0, count: 0), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Fibonacci hashing: the top bits of the key times 2^64/φ.
    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Adds one under `key`; `key` must not be zero.
    mutating func increment(_ key: UInt64) {
        let mask = slots.count - 1, start = home(key)
        let added = slots.withUnsafeMutableBufferPointer { slots -> Bool in
            var index = start
            while true {
                if slots[index].key == key {
                    slots[index].count += 1
                    return false
                }
                if slots[index].key == 0 {
                    slots[index] = Slot(key: key, count: 1)
                    return true
                }
                index = (index + 1) & mask
            }
        }
        guard added else { return }
        count += 1
        if count * 2 > slots.count { grow() }
    }

    /// Takes one back from `key`, which was incremented before.
    mutating func decrement(_ key: UInt64) {
        var index = home(key)
        while slots[index].key != key {
            precondition(slots[index].key != 0, "a count taken back that was never added")
            index = (index + 1) & (slots.count - 1)
        }
        slots[index].count -= 1
    }

    /// Every key with a count above zero, in no particular order.
    var entries: [(key: UInt64, count: Int)] {
        slots.filter { $0.key != 0 && $0.count > 0 }.map { (key: $0.key, count: $0.count) }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, count: 0), count: old.count * 2)
        shift -= 1
        for slot in old where slot.key != 0 {
            var index = home(slot.key)
            while slots[index].key != 0 { index = (index + 1) & (slots.count - 1) }
            slots[index] = slot
        }
    }
}
