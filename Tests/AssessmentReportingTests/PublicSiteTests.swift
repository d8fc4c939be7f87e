import ArgumentParser
import AssessmentReporting
import Foundation
import Testing
import TestSupport

@Suite("Public site")
struct PublicSiteTests {
    func build() throws -> URL {
        let runner = try ReportRunner()
        let site = runner.directory.appendingPathComponent("site")
        var command = try ReportCommandParser.parse(["site", "--output", site.path, "--plan", ReportRunner.plan, "--today", "2026-06-01"]
                                                    + ReportRunner.demoArguments)
        try command.run()
        return site
    }

    func pages(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }.sorted()
    }

    @Test("Index, a page per sector and per institution, the plans; the same in the version for the visually impaired")
    func pagesAndLinks() throws {
        let site = try build()
        let standard = try pages(site)
        #expect(standard.count == 1 + 3 + 30 + 1)
        #expect(try pages(site.appendingPathComponent("vi")) == standard)
        for folder in [site, site.appendingPathComponent("vi")] {
            for page in try pages(folder) {
                let html = try String(contentsOf: folder.appendingPathComponent(page), encoding: .utf8)
                #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ru\">"), "\(page)")
                #expect(html.contains("<a class=\"skip\" href=\"#content\">Перейти к содержанию</a>") && html.contains("<main id=\"content\""))
                #expect(html.contains("<nav aria-label=\"Разделы\">"))
                #expect(!html.contains("<script") && !html.contains("https://") && !html.contains("<link"), "\(page): внешний ресурс")
                #expect(html.components(separatedBy: "<h1>").count == 2, "\(page): один заголовок h1")
                // Every link leads to a page that exists.
                for link in html.components(separatedBy: "href=\"").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) where !link.hasPrefix("#") {
                    let target = folder.appendingPathComponent(link).standardizedFileURL
                    #expect(FileManager.default.fileExists(atPath: target.path), "\(page): ссылка \(link) никуда не ведёт")
                }
            }
        }
        let accessible = try String(contentsOf: site.appendingPathComponent("vi/index.html"), encoding: .utf8)
        #expect(accessible.contains("html { font-size: 22px; }") && accessible.contains("Обычная версия"))
    }

    @Test("Golden pages: index, a sector, the plans")
    func golden() throws {
        let site = try build()
        for page in ["index.html", "sector-culture.html", "plans.html", "vi/index.html"] {
            try Golden.check("site/\(page)", try Data(contentsOf: site.appendingPathComponent(page)))
        }
    }

    @Test("Text colours keep at least 4.5:1 contrast on white")
    func contrast() {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16)!
            func linear(_ shift: Int) -> Double {
                let channel = Double((value >> shift) & 0xFF) / 255
                return channel <= 0.03928 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
            }
            let red: Double = 0.2126 * linear(16)
            let green: Double = 0.7152 * linear(8)
            let blue: Double = 0.0722 * linear(0)
            return red + green + blue
        }
        for color in HTMLPage.textColors {
            let ratio = 1.05 / (luminance(color) + 0.05)
            #expect(ratio >= 4.5, "цвет \(color): контраст \(ratio)")
        }
    }
}
