/// Checks a byte stream for well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates), a chunk at a time.
struct UTF8Validator {
    /// Continuation bytes still expected for the current character.
    private var remaining = 0
    /// Allowed range of the next continuation byte (narrower right after E0, ED, F0, F4).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    /// False when `byte` cannot continue well-formed UTF-8.
    mutating func feed(_ byte: UInt8) -> Bool {
        if remaining > 0 {
            guard byte >= lower, byte <= upper else { return false }
            remaining -= 1
            (lower, upper) = (0x80, 0xBF)
            return true
        }
        switch byte {
        case 0x00...0x7F: return true
        case 0xC2...0xDF: start(1, 0x80, 0xBF)
        case 0xE0: start(2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: start(2, 0x80, 0xBF)
        case 0xED: start(2, 0x80, 0x9F)
        case 0xF0: start(3, 0x90, 0xBF)
        case 0xF1...0xF3: start(3, 0x80, 0xBF)
        case 0xF4: start(3, 0x80, 0x8F)
        default: return false
        }
        return true
    }

    /// True when the stream did not stop in the middle of a character.
    var isAtCharacterBoundary: Bool { remaining == 0 }

    private mutating func start(_ count: Int, _ low: UInt8, _ high: UInt8) {
        remaining = count
        (lower, upper) = (low, high)
    }
}
