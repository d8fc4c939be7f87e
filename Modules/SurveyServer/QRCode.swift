import CQRencode
import Foundation

/// A QR code's modules from libqrencode (error correction level M), drawn here as SVG or PNG.
struct QRCode: Sendable, Equatable {
    /// Modules per side, without the quiet zone.
    let size: Int
    /// Row-major, true = dark.
    let modules: [Bool]

    /// Nil only when libqrencode refuses the text (too long for a QR code).
    init?(_ text: String) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        size = width
        // libqrencode: the lowest bit of each byte is the colour.
        modules = data.map { $0 & 1 == 1 }
    }

    func isDark(_ x: Int, _ y: Int) -> Bool { modules[y * size + x] }

    /// The quiet zone the standard asks for, in modules.
    static let quietZone = 4

    /// SVG whose user units are modules: one path of horizontal runs, crisp at any scale.
    func svg(title: String) -> String {
        let side = size + 2 * Self.quietZone
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x, y) else { x += 1; continue }
                let start = x
                while x < size && isDark(x, y) { x += 1 }
                path += "M\(start + Self.quietZone) \(y + Self.quietZone)h\(x - start)v1h-\(x - start)z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side * 8)" height="\(side * 8)" \
            shape-rendering="crispEdges" role="img" aria-label="\(Html.escape(title))"><title>\(Html.escape(title))</title>\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>

            """
    }

    /// An 8-bit greyscale PNG, `scale` pixels per module.
    func png(scale: Int = 8) -> Data {
        let side = (size + 2 * Self.quietZone) * scale
        var raw = Data(capacity: (side + 1) * side)
        for row in 0..<side {
            raw.append(0)  // filter type None
            let y = row / scale - Self.quietZone
            for column in 0..<side {
                let x = column / scale - Self.quietZone
                let dark = x >= 0 && y >= 0 && x < size && y < size && isDark(x, y)
                raw.append(dark ? 0 : 255)
            }
        }
        var header = Data()
        header.appendBigEndian(UInt32(side))
        header.appendBigEndian(UInt32(side))
        header.append(contentsOf: [8, 0, 0, 0, 0])  // bit depth 8, greyscale, deflate, adaptive filter, no interlace
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        png.appendChunk("IHDR", header)
        png.appendChunk("IDAT", PNGDeflate.stored(raw))
        png.appendChunk("IEND", Data())
        return png
    }
}

/// The zlib stream PNG needs, written with stored (uncompressed) deflate blocks: no zlib library needed,
/// and a QR code image stays small anyway.
enum PNGDeflate {
    static func stored(_ data: Data) -> Data {
        var out = Data([0x78, 0x01])
        let bytes = [UInt8](data)
        var offset = 0
        repeat {
            let length = min(65_535, bytes.count - offset)
            let final: UInt8 = offset + length == bytes.count ? 1 : 0
            out.append(final)
            out.append(UInt8(length & 0xFF))
            out.append(UInt8(length >> 8))
            out.append(UInt8(~length & 0xFF))
            out.append(UInt8((~length >> 8) & 0xFF))
            out.append(contentsOf: bytes[offset..<offset + length])
            offset += length
        } while offset < bytes.count
        out.appendBigEndian(adler32(bytes))
        return out
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32<S: Sequence>(_ bytes: S) -> UInt32 where S.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }

    mutating func appendChunk(_ type: String, _ data: Data) {
        appendBigEndian(UInt32(data.count))
        let typed = Data(type.utf8) + data
        append(typed)
        appendBigEndian(PNGDeflate.crc32(typed))
    }
}
