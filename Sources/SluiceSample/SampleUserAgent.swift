/// The `User-Agent` a sample request sends: a vendor's webhook sender, or the SDK, tool or browser an account's
/// users call with. Chosen from the request alone (its account, user and integration), not drawn from the traffic's
/// numbers, so adding a field to a format leaves every other field of the seed's traffic as it was.
enum SampleUserAgent {
    /// What account clients call with. One is not ASCII (a home-made script), as some real agents are: nginx
    /// escapes its bytes in the log (`\xC3\xA9`), a JSON logger writes `\u00e9`.
    static let clients: [String] = [
        "acme-sdk-python/3.4.1 python-requests/2.31.0",
        "acme-sdk-python/3.4.1 python-requests/2.31.0",
        "acme-sdk-node/2.9.0 node/20.11.1",
        "acme-sdk-node/2.9.0 node/20.11.1",
        "acme-cli/1.12.0 (linux; amd64)",
        "Go-http-client/2.0",
        "curl/8.5.0",
        "Terraform/1.7.4 terraform-provider-acme/0.8.2",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 "
            + "Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 "
            + "Safari/537.36",
        "r\u{E9}sum\u{E9}-sync/0.3 (+https://example.com/bot)",
    ]

    /// Browsers, which also send a `Referer`.
    static func isBrowser(_ index: Int) -> Bool { index == 8 || index == 9 }

    /// The index in `clients` of a non-webhook request's agent: an account's users keep theirs.
    static func clientIndex(_ request: SampleRequest) -> Int {
        let key = UInt64(request.account ?? 0) &* 31 &+ UInt64((request.user ?? 0) % 3)
        return Int(SplitMix64.mix(key) % UInt64(clients.count))
    }

    /// The agent's bytes (UTF-8).
    static func append(_ request: SampleRequest, to out: inout [UInt8]) {
        guard request.isWebhook, let integration = request.integration else {
            out.append(contentsOf: clients[clientIndex(request)].utf8)
            return
        }
        switch SampleNames.integration(integration).vendor {
        case "GitHub": out.appendASCII("GitHub-Hookshot/8e03811")
        case "Stripe": out.appendASCII("Stripe/1.0 (+https://stripe.com/docs/webhooks)")
        case "Atlassian": out.appendASCII("Atlassian Webhook HTTP Client")
        case "Salesforce": out.appendASCII("Slackbot 1.0 (+https://api.slack.com/robots)")
        case let vendor:
            out.append(contentsOf: vendor.filter { $0 != " " }.utf8)
            out.appendASCII("-Webhooks/1.0")
        }
    }

    /// A browser's `Referer`, the product's web app; nil (logged `-`) for the others.
    static func referer(_ request: SampleRequest) -> StaticString? {
        !request.isWebhook && isBrowser(clientIndex(request)) ? "https://app.example.com/integrations" : nil
    }
}
