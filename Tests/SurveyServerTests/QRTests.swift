import Foundation
import Hummingbird
import HummingbirdTesting
@testable import SurveyServer
import Testing

@Suite("Survey server: QR codes, poster, website snippet")
struct QRTests {
    @Test("libqrencode's matrix has the three finder patterns and grows with the text")
    func matrix() throws {
        let short = try #require(QRCode("https://opros.example.ru/q/abcd2345"))
        #expect(short.size >= 21 && (short.size - 17) % 4 == 0)
        for (x, y) in [(0, 0), (short.size - 7, 0), (0, short.size - 7)] {
            // A finder pattern: dark 7×7 border, light ring, dark 3×3 centre.
            #expect(short.isDark(x, y) && short.isDark(x + 6, y + 6) && !short.isDark(x + 1, y + 1) && short.isDark(x + 3, y + 3))
        }
        let long = try #require(QRCode(String(repeating: "https://opros.example.ru/q/abcd2345/", count: 10)))
        #expect(long.size > short.size)
    }

    @Test("PNG: valid signature, chunk CRCs, and pixels that match the matrix after inflating the stored blocks")
    func png() throws {
        let qr = try #require(QRCode("https://opros.example.ru/q/abcd2345"))
        let data = [UInt8](qr.png(scale: 3))
        #expect(Array(data[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var offset = 8
        var chunks: [(String, [UInt8])] = []
        while offset < data.count {
            let length = Int(data[offset]) << 24 | Int(data[offset + 1]) << 16 | Int(data[offset + 2]) << 8 | Int(data[offset + 3])
            let typeAndData = Array(data[(offset + 4)..<(offset + 8 + length)])
            let crc = data[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(PNGDeflate.crc32(typeAndData) == crc)
            chunks.append((String(decoding: typeAndData[0..<4], as: UTF8.self), Array(typeAndData[4...])))
            offset += 12 + length
        }
        #expect(chunks.map(\.0) == ["IHDR", "IDAT", "IEND"])
        let side = (qr.size + 8) * 3
        let width = chunks[0].1[0..<4].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == side)
        // Inflate stored blocks by hand: header, then (final flag, LEN, NLEN, bytes)*, then Adler-32.
        let zlib = chunks[1].1
        var raw: [UInt8] = []
        var at = 2
        while true {
            let final = zlib[at] & 1
            let length = Int(zlib[at + 1]) | Int(zlib[at + 2]) << 8
            #expect(UInt16(length) == ~(UInt16(zlib[at + 3]) | UInt16(zlib[at + 4]) << 8))
            raw += zlib[(at + 5)..<(at + 5 + length)]
            at += 5 + length
            if final == 1 { break }
        }
        #expect(zlib[at...].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } == PNGDeflate.adler32(raw))
        #expect(raw.count == side * (side + 1))
        func pixel(_ x: Int, _ y: Int) -> UInt8 { raw[y * (side + 1) + 1 + x] }
        #expect(pixel(0, 0) == 255)                    // quiet zone
        #expect(pixel(4 * 3 + 1, 4 * 3 + 1) == 0)      // first module of the top-left finder
        #expect(pixel((4 + 1) * 3 + 1, (4 + 1) * 3 + 1) == 255)
    }

    @Test("Routes: SVG and PNG of the public link, the A4 poster and the snippet; an unknown code is 404")
    func routes() async throws {
        let world = try SurveyWorld()
        try await world.app().test(.router) { client in
            let svg = try await client.execute(uri: "/q/\(openLink)/qr.svg", method: .get)
            #expect(svg.status == .ok)
            #expect(svg.headers[.contentType] == "image/svg+xml; charset=utf-8")
            #expect(text(svg).hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(text(svg).contains("<path fill=\"#000\" d=\"M"))
            let png = try await client.execute(uri: "/q/\(openLink)/qr.png", method: .get)
            #expect(png.headers[.contentType] == "image/png")
            #expect(Array(png.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            let poster = text(try await client.execute(uri: "/q/\(openLink)/poster", method: .get))
            #expect(poster.contains("@page{size:A4 portrait"))
            #expect(poster.contains("Центральная библиотека имени Пушкина"))
            #expect(poster.contains("https://opros.example.ru/q/\(openLink)"))
            #expect(poster.contains("<svg"))
            let snippet = text(try await client.execute(uri: "/q/\(openLink)/snippet", method: .get))
            #expect(snippet.contains("href=\"https://opros.example.ru/q/\(openLink)\""))
            #expect(snippet.contains("<label for=\"snippet\">"))
            #expect(try await client.execute(uri: "/q/nope2345/qr.svg", method: .get).status == .notFound)
        }
    }
}
