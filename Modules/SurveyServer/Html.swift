/// HTML text helpers and the one page layout (inline CSS, no external resources).
enum Html {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A whole page. `accessible` is the version for the visually impaired: large type, black on white,
    /// thick focus rings, no colour-only cues.
    static func page(title: String, accessible: Bool, toggleHref: String? = nil, body: String, script: String? = nil,
                     refreshSeconds: Int? = nil) -> String {
        let toggle = toggleHref.map { href in
            """
            <p class="toggle"><a href="\(escape(href))">\(accessible ? "Обычная версия" : "Версия для слабовидящих")</a></p>
            """
        } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="ru">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            \(refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? "")
            <title>\(escape(title))</title>
            <style>\(style)</style>
            </head>
            <body class="\(accessible ? "vid" : "")">
            <a class="skip" href="#main">Перейти к содержанию</a>
            \(toggle)
            <main id="main" tabindex="-1">
            \(body)
            </main>
            \(script.map { "<script>\($0)</script>" } ?? "")
            </body>
            </html>

            """
    }

    /// Mobile first; relative units so 200 % zoom reflows instead of scrolling sideways.
    static let style = """
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:48rem;padding:1rem;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;\
        font-size:1.0625rem;line-height:1.5;color:#1a1a1a;background:#fff}
        h1{font-size:1.5rem;line-height:1.25}h2{font-size:1.2rem}
        a{color:#0b4f9c}
        fieldset{border:1px solid #8a8a8a;border-radius:.4rem;margin:0 0 1rem;padding:.75rem 1rem}
        legend{font-weight:600;float:left;width:100%;padding:0;margin:0 0 .5rem}
        legend+*{clear:left}
        .opt{display:flex;gap:.6rem;align-items:flex-start;padding:.35rem 0}
        .opt input{width:1.4rem;height:1.4rem;margin:.1rem 0 0;flex:none}
        label{cursor:pointer}
        input[type=number],input[type=text],input[type=password],textarea,select{width:100%;font:inherit;padding:.5rem;\
        border:1px solid #555;border-radius:.3rem}
        textarea{min-height:6rem}
        button{font:inherit;font-weight:600;padding:.7rem 1.4rem;border:0;border-radius:.4rem;background:#0b4f9c;color:#fff;cursor:pointer}
        :focus-visible{outline:3px solid #c45200;outline-offset:2px}
        .hint{color:#4a4a4a;font-size:.95rem;margin:.25rem 0}
        .error{color:#a00000;font-weight:600}
        .errors{border:2px solid #a00000;padding:.5rem 1rem;border-radius:.4rem}
        .notice{border:2px solid #1d6b2a;padding:.5rem 1rem;border-radius:.4rem}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
        .toggle{text-align:right;margin:0}
        table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{border:1px solid #999;padding:.3rem .4rem;text-align:left}
        td.n{text-align:right}
        .short{color:#a00000;font-weight:600}
        .hidden{display:none}
        body.vid{font-size:1.5rem;color:#000;background:#fff;max-width:60rem;letter-spacing:.02em}
        body.vid a{color:#000;text-decoration:underline}
        body.vid fieldset{border:3px solid #000}
        body.vid .hint{color:#000}
        body.vid button{background:#000;color:#fff;border:3px solid #000}
        body.vid input[type=radio]{width:2rem;height:2rem}
        body.vid :focus-visible{outline:5px solid #000;outline-offset:3px}
        @media print{.toggle,.skip{display:none}}
        """
}
