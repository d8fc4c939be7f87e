import Foundation
import NIOCore
@testable import SurveyServer
import Testing

@Suite("Form body decoding")
struct FormBodyTests {
    @Test("Fields decode as Foundation's percent decoding did: plus as space, escapes as UTF-8, a bad escape left as it came",
          arguments: ["a.q1=yes", "a.text=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82+%D0%BC%D0%B8%D1%80", "x=1+%2B+2%3D3", "bad=50%",
                      "bad=%zz+ok", "half=%D0", "upper=%C3%A9%c3%A9", "empty=", "novalue", "=%20"])
    func decode(body: String) {
        let expected = body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) -> String in
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return "\(decode(parts[0]))|\(parts.count > 1 ? decode(parts[1]) : "")"
        }
        #expect(FormBody.parse(body).map { "\($0.name)|\($0.value)" } == expected)
    }

    @Test("Fields from the body's bytes are the fields of the body's text",
          arguments: ["a.q1=yes&a.q2=no&csrf=1.ab", "&&a=1&&b=2&", "a=b=c&=&x", "a.text=%D0%9F%D1%80+%D0%BC&half=%D0&bad=%zz",
                      "raw=Пр%D0%B8вет&x=%FF%FE", "", "="])
    func bytes(body: String) {
        let fromBytes = FormBody.parse(ByteBuffer(string: body)).map { "\($0.name)|\($0.value)" }
        #expect(fromBytes == FormBody.parse(body).map { "\($0.name)|\($0.value)" })
    }

    @Test("Bytes that are not UTF-8 decode as in the text of the body")
    func invalidUTF8() {
        var buffer = ByteBuffer(string: "a=")
        buffer.writeBytes([0xD0, 0x26, 0x62, 0x3D, 0xFF, 0x25, 0x32, 0x30, 0x2B])  // "\xD0&b=\xFF%20+"
        #expect(FormBody.parse(buffer).map { "\($0.name)|\($0.value)" } == FormBody.parse(String(buffer: buffer)).map { "\($0.name)|\($0.value)" })
    }

    @Test("Trimming answers matches Foundation's whitespace and newlines, ASCII and beyond")
    func trimming() {
        var samples = ["", "yes", " yes", "yes ", "\tда\n", "\u{00A0}нет", "нет\u{2028}", "\u{0085}x", "x\u{3000}", "a b", "\u{1F}x\u{7F}"]
        samples += (0..<128).map { String(UnicodeScalar(UInt8($0))) + "v" + String(UnicodeScalar(UInt8($0))) }
        for sample in samples {
            #expect(AnswerValidation.trimmed(sample) == sample.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(sample.unicodeScalars))")
            #expect(AnswerValidation.trimmed(sample, newlines: false) == sample.trimmingCharacters(in: .whitespaces), "\(Array(sample.unicodeScalars))")
        }
    }

    @Test("Hex of bytes: two lower-case digits each")
    func hex() {
        #expect(Secrets.hex([0x00, 0x0f, 0xa5, 0xff] as [UInt8]) == "000fa5ff")
        #expect(Secrets.tokenHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
