import AssessmentKernel
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// QR codes (SVG, PNG), the printable A4 poster and the snippet for an institution's website.
extension SurveyServer {
    func addQRRoutes(to router: Router<SurveyRequestContext>) {
        router.get("/q/:code/qr.svg") { request, context in
            let (target, url) = try await linkAndURL(request, context)
            guard let qr = QRCode(url) else { throw HTTPError(.internalServerError) }
            return Response(status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8", .cacheControl: "public, max-age=86400"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: qr.svg(title: "QR-код анкеты: \(target.organization.displayName)"))))
        }
        router.get("/q/:code/qr.png") { request, context in
            let (_, url) = try await linkAndURL(request, context)
            guard let qr = QRCode(url) else { throw HTTPError(.internalServerError) }
            let scale = min(max(Int(request.uri.queryParameters.get("scale") ?? "") ?? 10, 2), 40)
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "public, max-age=86400"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: qr.png(scale: scale))))
        }
        router.get("/q/:code/poster") { request, context in
            let (target, url) = try await linkAndURL(request, context)
            guard let qr = QRCode(url) else { throw HTTPError(.internalServerError) }
            return htmlResponse(.ok, Poster.page(organization: target.organization, campaign: target.campaign, url: url, qr: qr))
        }
        router.get("/q/:code/snippet") { request, context in
            let (target, url) = try await linkAndURL(request, context)
            let snippet = Poster.snippet(organization: target.organization, url: url, qrURL: url + "/qr.svg")
            return htmlResponse(.ok, Html.page(title: "Код для сайта — \(target.organization.displayName)", accessible: false, body: """
                <h1>Код для сайта учреждения</h1>
                <p>Вставьте этот фрагмент HTML на сайт «\(Html.escape(target.organization.name))», например в раздел «Независимая оценка качества».</p>
                <label for="snippet">Фрагмент HTML</label>
                <textarea id="snippet" readonly rows="8">\(Html.escape(snippet))</textarea>
                <h2>Как он выглядит</h2>
                \(snippet)
                """))
        }
    }

    /// The link behind `:code` and its public address; 404 for an unknown code.
    private func linkAndURL(_ request: Request, _ context: SurveyRequestContext) async throws -> (SurveyTarget, String) {
        let code = try context.parameters.require("code")
        guard let target = try await call({ try $0.target(code: code) }) else { throw HTTPError(.notFound) }
        return (target, publicURL(request, path: "/q/\(code)"))
    }
}

/// The printable poster and the website snippet.
enum Poster {
    static func page(organization: Organization, campaign: Campaign, url: String, qr: QRCode) -> String {
        """
        <!DOCTYPE html>
        <html lang="ru">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Плакат — \(Html.escape(organization.displayName))</title>
        <style>
        @page{size:A4 portrait;margin:15mm}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:180mm;font-family:system-ui,Arial,sans-serif;color:#000;background:#fff;text-align:center}
        h1{font-size:30pt;line-height:1.15;margin:8mm 0 6mm}
        .org{font-size:20pt;font-weight:700;margin:0 0 8mm}
        .qr svg{width:110mm;height:110mm}
        .call{font-size:16pt;margin:6mm 0}
        .url{font-size:14pt;font-family:monospace;word-break:break-all}
        .small{font-size:11pt;color:#222}
        </style>
        </head>
        <body>
        <main>
        <h1>Оцените, как вас обслуживают</h1>
        <p class="org">\(Html.escape(organization.name))</p>
        <div class="qr">\(qr.svg(title: "QR-код анкеты"))</div>
        <p class="call">Наведите камеру телефона на QR-код и ответьте на несколько вопросов — это займёт 3–5 минут.</p>
        <p class="url">\(Html.escape(url))</p>
        <p class="small">Анкета анонимная. Опрос проводится для независимой оценки качества условий оказания услуг \
        (\(Html.escape(campaign.title))). Ваше мнение учитывается при оценке организации.</p>
        </main>
        </body>
        </html>

        """
    }

    static func snippet(organization: Organization, url: String, qrURL: String) -> String {
        """
        <div style="border:2px solid #0b4f9c;border-radius:8px;padding:12px;max-width:420px;font-family:Arial,sans-serif">
        <p style="margin:0 0 8px;font-size:18px;font-weight:bold">Оцените качество условий оказания услуг</p>
        <p style="margin:0 0 8px">\(Html.escape(organization.name)) просит вас ответить на вопросы анонимной анкеты независимой оценки качества.</p>
        <p style="margin:0 0 8px"><a href="\(Html.escape(url))">Пройти анкету</a></p>
        <img src="\(Html.escape(qrURL))" width="160" height="160" alt="QR-код ссылки на анкету">
        </div>
        """
    }
}
