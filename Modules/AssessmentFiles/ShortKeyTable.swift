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

/// Small numbers for non-zero `UInt64` keys, given in the order the keys are first seen: an open-addressing map
/// from key to number, and the list back.
struct DenseKeys {
    private var keys: [UInt64]
    private var numbers: [Int32]
    private var mask: Int
    /// The key of each number.
    private(set) var list: [UInt64] = []

    init() {
        keys = Array(repeating: 0, count: 1024)
        numbers = Array(repeating: 0, count: 1024)
        mask = 1023
    }

    /// The number of `key`, a new one the first time.
    mutating func number(of key: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: mix(key)) & mask
        while true {
            let found = keys[slot]
            if found == key { return Int(numbers[slot]) }
            if found == 0 { break }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        numbers[slot] = Int32(list.count)
        list.append(key)
        if list.count * 2 > keys.count { grow() }
        return list.count - 1
    }

    private mutating func grow() {
        keys = Array(repeating: 0, count: keys.count * 2)
        numbers = Array(repeating: 0, count: keys.count)
        mask = keys.count - 1
        for (number, key) in list.enumerated() {
            var slot = Int(truncatingIfNeeded: mix(key)) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            numbers[slot] = Int32(number)
        }
    }
}
