/// The frame every HTML report and site page shares: Russian, self-contained (styles inline, no
/// scripts, fonts or images from outside), readable on screen and on A4 paper.
public struct HTMLPage: Sendable {
    public enum Theme: Sendable, Equatable {
        case standard
        /// The version for the visually impaired: large type, black on white, no colour-only meaning.
        case accessible
        /// An official document (terms of reference, letter, decision, decree, plan): serif type, aligned paragraphs.
        case document(landscape: Bool)
    }

    public var title: String
    public var theme: Theme
    /// Links above the content (site navigation), already relative to the page.
    public var navigation: [(title: String, href: String)]
    /// The same page in the other theme, when there is one.
    public var alternate: (title: String, href: String)?

    public init(title: String, theme: Theme = .standard, navigation: [(title: String, href: String)] = [],
                alternate: (title: String, href: String)? = nil) {
        self.title = title
        self.theme = theme
        self.navigation = navigation
        self.alternate = alternate
    }

    public func open(_ sink: any ReportSink) throws {
        var out = HTMLBytes(capacity: 8192)
        open(into: &out)
        try sink.write(bytes: out)
    }

    /// The page's head, styles, navigation and the opening of `main`, appended as bytes.
    public func open(into out: inout HTMLBytes) {
        out.raw("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n")
        out.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        out.raw("<title>")
        out.escaped(title)
        out.raw("</title>\n<style>\n")
        out.raw(Self.style)
        if theme == .accessible { out.raw(Self.accessibleStyle) }
        if case .document(let landscape) = theme {
            out.raw(Self.documentStyle)
            if landscape { out.raw("@page { size: A4 landscape; margin: 15mm 12mm; }\n") }
        }
        out.raw("</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#content\">Перейти к содержанию</a>\n")
        if !navigation.isEmpty || alternate != nil {
            out.raw("<header class=\"site\"><nav aria-label=\"Разделы\"><ul>\n")
            for link in navigation {
                out.raw("<li><a href=\"")
                out.escaped(link.href)
                out.raw("\">")
                out.escaped(link.title)
                out.raw("</a></li>\n")
            }
            if let alternate {
                out.raw("<li class=\"alt\"><a href=\"")
                out.escaped(alternate.href)
                out.raw("\">")
                out.escaped(alternate.title)
                out.raw("</a></li>\n")
            }
            out.raw("</ul></nav></header>\n")
        }
        out.raw("<main id=\"content\" tabindex=\"-1\">\n")
    }

    public func close(_ sink: any ReportSink) throws {
        try sink.write("</main>\n</body>\n</html>\n")
    }

    public static func close(into out: inout HTMLBytes) {
        out.raw("</main>\n</body>\n</html>\n")
    }

    /// Text colours of the pages; each keeps at least 4.5:1 contrast against white (WCAG AA).
    public static let textColors = ["#1a1a1a", "#4a4a4a", "#0b4f8a", "#8a5a00", "#1d6b33", "#a00000", "#a84b00"]

    /// A4 portrait when printed.
    static let style = """
    :root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #b0b0b0; --accent: #0b4f8a; --bar: #2f6ea5; --mean: #8a5a00; --best: #1d6b33; }
    * { box-sizing: border-box; }
    body { font-family: "PT Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); background: #fff; margin: 0 auto; max-width: 72rem; padding: 1rem; line-height: 1.4; font-size: 15px; }
    h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
    h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; border-bottom: 2px solid var(--accent); padding-bottom: 0.2rem; }
    h3 { font-size: 1.05rem; margin: 1rem 0 0.4rem; }
    a { color: var(--accent); }
    a:focus, main:focus { outline: 3px solid #a84b00; outline-offset: 2px; }
    .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem; }
    .skip:focus { left: 0.5rem; z-index: 10; }
    header.site ul { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; }
    header.site .alt { margin-left: auto; }
    table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
    caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
    td.num { white-space: nowrap; }
    th, td { border: 1px solid var(--line); padding: 0.25rem 0.4rem; vertical-align: top; text-align: left; }
    thead th { background: #e8eef4; }
    th[scope=row] { font-weight: normal; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .up { color: var(--best); } .down { color: #a00000; }
    .warn { color: #a00000; font-weight: bold; }
    .muted, .note { color: var(--muted); }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
    dl.facts dt { font-weight: bold; }
    dl.facts dd { margin: 0; }
    figure { margin: 0.5rem 0 1rem; }
    figcaption { font-size: 0.85rem; color: var(--muted); }
    svg { max-width: 100%; height: auto; }
    svg text { font-family: inherit; fill: var(--ink); }
    ul.explain, ul.explain ul { margin: 0.2rem 0; padding-left: 1.2rem; }
    ul.explain li { margin: 0.1rem 0; }
    .status-done { color: var(--best); } .status-overdue { color: #a00000; font-weight: bold; } .status-planned { color: var(--muted); }
    @page { size: A4 portrait; margin: 15mm 12mm; }
    @media print {
      body { max-width: none; padding: 0; font-size: 10pt; }
      header.site, .skip { display: none; }
      a { color: inherit; text-decoration: none; }
      h2 { break-after: avoid; }
      table, figure { break-inside: auto; }
      tr, figure svg { break-inside: avoid; }
      thead { display: table-header-group; }
    }

    """

    static let documentStyle = """
    body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 16px; max-width: 60rem; }
    h1 { text-align: center; font-size: 1.3rem; } h2 { border-bottom: none; font-size: 1.1rem; }
    p { margin: 0.4rem 0; } p.justify { text-align: justify; } p.center { text-align: center; } p.right { text-align: right; }
    table { font-size: 0.9rem; }

    """

    static let accessibleStyle = """
    html { font-size: 22px; }
    body { font-size: 1rem; line-height: 1.6; max-width: 60rem; color: #000; }
    :root { --ink: #000; --muted: #000; --line: #000; --accent: #00308f; }
    table { font-size: 1rem; }
    th, td { padding: 0.5rem; }
    thead th { background: #fff; border-bottom: 3px solid #000; }
    a { text-decoration: underline; }
    a:focus { outline: 4px solid #000; background: #ff0; }

    """
}
