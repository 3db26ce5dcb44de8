/// Writes a `SampleRequest` as HAProxy logs it, in either layout (`option httplog`, `option httplog clf`), with
/// two captured request headers: `capture request header Host` and `capture request header X-User-Id`. HAProxy
/// logs an absent header as an empty value.
enum HAProxyLineWriter {
    /// Every account's API host ends so.
    static let hostSuffix: StaticString = ".api.example.com"

    /// `%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r`,
    /// with no response captures, so `%hs` prints nothing.
    static func appendHTTP(_ request: SampleRequest, to out: inout [UInt8]) {
        appendClient(request.client, to: &out)
        out.append(UInt8(ascii: ":"))
        out.appendDecimal(request.clientPort)
        out.appendASCII(" [")
        SampleDate.appendHTTP(request.acceptMillis, to: &out)
        out.appendASCII("] ")
        appendFrontend(request, to: &out)
        out.append(UInt8(ascii: " "))
        appendBackend(request, to: &out)
        out.append(UInt8(ascii: "/"))
        appendServer(request, to: &out)
        for (index, timer) in [
            request.requestTime, request.queueTime, request.connectTime, request.responseTime, request.totalTime,
        ].enumerated() {
            out.append(UInt8(ascii: index == 0 ? " " : "/"))
            out.appendDecimal(timer)
        }
        out.append(UInt8(ascii: " "))
        out.appendDecimal(request.status)
        out.append(UInt8(ascii: " "))
        out.appendDecimal(request.bytes)
        out.appendASCII(" - - ")
        out.appendASCII(request.termination)
        for (index, count) in [
            request.activeConnections, request.frontendConnections, request.backendConnections,
            request.serverConnections,
        ].enumerated() {
            out.append(UInt8(ascii: index == 0 ? " " : "/"))
            out.appendDecimal(count)
        }
        out.append(UInt8(ascii: "/"))
        appendRetries(request, to: &out)
        out.append(UInt8(ascii: " "))
        out.appendDecimal(request.serverQueue)
        out.append(UInt8(ascii: "/"))
        out.appendDecimal(request.backendQueue)
        out.appendASCII(" {")
        appendHost(request, to: &out)
        out.append(UInt8(ascii: "|"))
        appendUser(request, to: &out)
        out.appendASCII("} \"")
        appendRequestLine(request, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// `%{+Q}o %{-Q}ci - - [%trg] %r %ST %B "" "" %cp %ms %ft %b %s %TR %Tw %Tc %Tr %Ta %tsc %ac %fc %bc %sc %rc
    /// %sq %bq %CC %CS %hrl %hsl`: string fields quoted, no cookie captured (`""`), each header value quoted.
    static func appendCLF(_ request: SampleRequest, to out: inout [UInt8]) {
        appendClient(request.client, to: &out)
        out.appendASCII(" - - [")
        SampleDate.appendCLF(request.acceptMillis, to: &out)
        out.appendASCII("] \"")
        appendRequestLine(request, to: &out)
        out.appendASCII("\" ")
        out.appendDecimal(request.status)
        out.append(UInt8(ascii: " "))
        out.appendDecimal(request.bytes)
        out.appendASCII(" \"\" \"\" ")
        out.appendDecimal(request.clientPort)
        out.append(UInt8(ascii: " "))
        out.appendDecimal(Int(request.acceptMillis % 1000), width: 3)
        out.appendASCII(" \"")
        appendFrontend(request, to: &out)
        out.appendASCII("\" \"")
        appendBackend(request, to: &out)
        out.appendASCII("\" \"")
        appendServer(request, to: &out)
        out.append(UInt8(ascii: "\""))
        for timer in [
            request.requestTime, request.queueTime, request.connectTime, request.responseTime, request.totalTime,
        ] {
            out.append(UInt8(ascii: " "))
            out.appendDecimal(timer)
        }
        out.append(UInt8(ascii: " "))
        out.appendASCII(request.termination)
        for count in [
            request.activeConnections, request.frontendConnections, request.backendConnections,
            request.serverConnections,
        ] {
            out.append(UInt8(ascii: " "))
            out.appendDecimal(count)
        }
        out.append(UInt8(ascii: " "))
        appendRetries(request, to: &out)
        out.append(UInt8(ascii: " "))
        out.appendDecimal(request.serverQueue)
        out.append(UInt8(ascii: " "))
        out.appendDecimal(request.backendQueue)
        out.appendASCII(" \"\" \"\" \"")
        appendHost(request, to: &out)
        out.appendASCII("\" \"")
        appendUser(request, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    static func appendClient(_ client: SampleRequest.Client, to out: inout [UInt8]) {
        switch client {
        case .ipv4(let address):
            for shift in [24, 16, 8, 0] {
                if shift != 24 { out.append(UInt8(ascii: ".")) }
                out.appendDecimal(Int((address >> UInt32(shift)) & 0xFF))
            }
        case .ipv6(let first, let second, let last):
            out.appendASCII("2001:db8:")
            out.appendHex(first)
            out.append(UInt8(ascii: ":"))
            out.appendHex(second)
            out.appendASCII("::")
            out.appendHex(last)
        }
    }

    private static func appendFrontend(_ request: SampleRequest, to out: inout [UInt8]) {
        out.appendASCII(request.frontend.name)
        if request.frontend == .api { out.append(UInt8(ascii: "~")) }
    }

    static func appendBackend(_ request: SampleRequest, to out: inout [UInt8]) {
        switch request.backend {
        case .integrations: out.appendASCII("integrations")
        case .core: out.appendASCII("core")
        case .frontend: out.appendASCII(request.frontend.name)
        }
    }

    static func appendServer(_ request: SampleRequest, to out: inout [UInt8]) {
        guard let server = request.server else {
            out.appendASCII("<NOSRV>")
            return
        }
        out.appendASCII(request.backend.serverPrefix)
        out.appendDecimal(server)
    }

    private static func appendRetries(_ request: SampleRequest, to out: inout [UInt8]) {
        if request.redispatched { out.append(UInt8(ascii: "+")) }
        out.appendDecimal(request.retries)
    }

    static func appendHost(_ request: SampleRequest, to out: inout [UInt8]) {
        guard let account = request.account else { return }
        SampleDirectory.appendAccountID(account, to: &out)
        out.appendASCII(hostSuffix)
    }

    static func appendUser(_ request: SampleRequest, to out: inout [UInt8]) {
        guard let user = request.user else { return }
        out.appendASCII("u-")
        out.appendDecimal(user, width: 6)
    }

    private static func appendRequestLine(_ request: SampleRequest, to out: inout [UInt8]) {
        guard let line = request.line else {
            out.appendASCII("<BADREQ>")
            return
        }
        out.appendASCII(line.method)
        out.append(UInt8(ascii: " "))
        if line.http2 {
            out.appendASCII("https://")
            appendHost(request, to: &out)
        }
        out.append(contentsOf: line.target)
        out.appendASCII(line.http2 ? " HTTP/2.0" : " HTTP/1.1")
    }
}
