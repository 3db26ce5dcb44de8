/// Writes a `SampleRequest` as a structured access log writes it: one JSON object a line, nested, in the key
/// order below, absent headers and query left out, values HAProxy logged as `-1` null:
///
///     {"time":"2026-03-02T00:00:00.123Z","level":"info","msg":"request",
///      "request":{"method":"GET","path":"/integrations/int-0042/events","query":"limit=100",
///                 "host":"acct-000123.api.example.com","protocol":"HTTP/1.1",
///                 "headers":{"user-agent":"acme-cli/1.12.0 (linux; amd64)","x-user-id":"u-000017"}},
///      "response":{"status":200,"bytes":1234},"duration_ms":46.3,
///      "client":{"ip":"192.0.2.7","port":51234,"tls":true},
///      "upstream":{"backend":"integrations","server":"int-3","timings_ms":[0,0,1,42],"retries":0},
///      "termination":"----"}
///
/// A request HAProxy could not read has null method, path and protocol; a client that went away before the
/// response has status 499. Text outside ASCII is written as `\u` escapes, as Python's `json` module does.
/// `timings_ms` is HAProxy's `[TR, Tw, Tc, Tr]`; `duration_ms` its `Ta`, with a tenth of a millisecond.
enum JSONLineWriter {
    static func append(_ request: SampleRequest, to out: inout [UInt8]) {
        out.appendASCII("{\"time\":\"")
        SampleDate.appendISO(request.acceptMillis, millisecond: true, to: &out)
        out.appendASCII("\",\"level\":\"")
        out.appendASCII(request.status >= 500 || request.status < 0 ? "error" : "info")
        out.appendASCII("\",\"msg\":\"request\",\"request\":{\"method\":")
        if let line = request.line {
            out.append(UInt8(ascii: "\""))
            out.appendASCII(line.method)
            out.appendASCII("\",\"path\":")
            let query = line.target.firstIndex(of: UInt8(ascii: "?"))
            appendString(line.target[..<(query ?? line.target.endIndex)], to: &out)
            if let query {
                out.appendASCII(",\"query\":")
                appendString(line.target[(query + 1)...], to: &out)
            }
        } else {
            out.appendASCII("null,\"path\":null")
        }
        out.appendASCII(",\"host\":")
        if request.account != nil {
            var host: [UInt8] = []
            HAProxyLineWriter.appendHost(request, to: &host)
            appendString(host, to: &out)
        } else {
            out.appendASCII("null")
        }
        out.appendASCII(",\"protocol\":")
        if let line = request.line {
            out.appendASCII(line.http2 ? "\"HTTP/2.0\"" : "\"HTTP/1.1\"")
        } else {
            out.appendASCII("null")
        }
        out.appendASCII(",\"headers\":{")
        if request.line != nil {
            out.appendASCII("\"user-agent\":")
            var agent: [UInt8] = []
            SampleUserAgent.append(request, to: &agent)
            appendString(agent, to: &out)
            if let user = request.user {
                out.appendASCII(",\"x-user-id\":\"u-")
                out.appendDecimal(user, width: 6)
                out.append(UInt8(ascii: "\""))
            }
        }
        out.appendASCII("}},\"response\":{\"status\":")
        out.appendDecimal(request.status < 0 ? 499 : request.status)
        out.appendASCII(",\"bytes\":")
        out.appendDecimal(request.bytes)
        out.appendASCII("},\"duration_ms\":")
        out.appendDecimal(request.totalTime)
        out.append(UInt8(ascii: "."))
        out.appendDecimal(Int(request.acceptMillis % 10))
        out.appendASCII(",\"client\":{\"ip\":\"")
        HAProxyLineWriter.appendClient(request.client, to: &out)
        out.appendASCII("\",\"port\":")
        out.appendDecimal(request.clientPort)
        out.appendASCII(request.frontend == .api ? ",\"tls\":true}" : ",\"tls\":false}")
        out.appendASCII(",\"upstream\":{\"backend\":\"")
        HAProxyLineWriter.appendBackend(request, to: &out)
        out.appendASCII("\",\"server\":")
        if request.server != nil {
            out.append(UInt8(ascii: "\""))
            HAProxyLineWriter.appendServer(request, to: &out)
            out.append(UInt8(ascii: "\""))
        } else {
            out.appendASCII("null")
        }
        out.appendASCII(",\"timings_ms\":[")
        for (index, timer) in [request.requestTime, request.queueTime, request.connectTime, request.responseTime]
            .enumerated()
        {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if timer < 0 { out.appendASCII("null") } else { out.appendDecimal(timer) }
        }
        out.appendASCII("],\"retries\":")
        out.appendDecimal(request.retries)
        out.appendASCII("},\"termination\":\"")
        out.appendASCII(request.termination)
        out.appendASCII("\"}")
    }

    /// A JSON string: `"`, `\` and control characters escaped, and every character outside ASCII as `\uXXXX`
    /// (a surrogate pair above U+FFFF); bytes that are not UTF-8 as U+FFFD.
    static func appendString(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        func appendUnit(_ unit: UInt16) {
            out.appendASCII("\\u")
            hex.withUTF8Buffer { table in
                for shift in stride(from: 12, through: 0, by: -4) {
                    out.append(table[Int((unit >> UInt16(shift)) & 0xF)])
                }
            }
        }
        out.append(UInt8(ascii: "\""))
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar.value {
            case 0x22: out.appendASCII("\\\"")
            case 0x5C: out.appendASCII("\\\\")
            case 0..<0x20, 0x7F: appendUnit(UInt16(scalar.value))
            case 0x20..<0x7F: out.append(UInt8(scalar.value))
            default: for unit in String(scalar).utf16 { appendUnit(unit) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
