import AssessmentKernel
import Testing

@Suite("ИНН and ОГРН check digits")
struct RegistryCodesTests {
    @Test("Valid codes pass", arguments: ["7707083893", "500100732259"])
    func validINN(code: String) {
        #expect(RegistryCodes.innProblem(code) == nil)
    }

    @Test("A changed last digit fails the check digit")
    func wrongINN() {
        #expect(RegistryCodes.innProblem("7707083894") == .checkDigit)
        #expect(RegistryCodes.innProblem("500100732258") == .checkDigit)
        #expect(RegistryCodes.innProblem("77070838") == .wrongLength(expected: [10, 12], actual: 8))
        #expect(RegistryCodes.innProblem("770708389З") == .notDigits)
    }

    @Test("ОГРН and ОГРНИП")
    func ogrn() {
        #expect(RegistryCodes.ogrnProblem("1027700132195") == nil)
        #expect(RegistryCodes.ogrnProblem("1027700132196") == .checkDigit)
        #expect(RegistryCodes.ogrnProblem("304500116000157") == nil)
        #expect(RegistryCodes.ogrnProblem("12345") == .wrongLength(expected: [13, 15], actual: 5))
    }
}
