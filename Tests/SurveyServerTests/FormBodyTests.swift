import Foundation
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

    @Test("Hex of bytes: two lower-case digits each")
    func hex() {
        #expect(Secrets.hex([0x00, 0x0f, 0xa5, 0xff] as [UInt8]) == "000fa5ff")
        #expect(Secrets.tokenHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
