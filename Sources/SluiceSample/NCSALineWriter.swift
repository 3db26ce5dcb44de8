/// Writes a `SampleRequest` as nginx writes its `combined` access log, or as the `common` layout (Apache's
/// `%h %l %u %t "%r" %>s %b`, combined without the referrer and agent):
///
///     $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"
///
/// `$remote_user` is the user (`u-000017`) the imagined API authenticates by HTTP basic auth, `-` without one.
/// The host is not in these layouts. Inside the quotes, nginx escapes `"`, `\`, control bytes and bytes above
/// 0x7E as `\xHH`: a TLS handshake sent to the plain port (a 400) logs as `\x16\x03\x01...`. A client that went
/// away before the response (HAProxy's status -1) is nginx's 499; a 408 with no request logs `"-"`.
enum NCSALineWriter {
    enum Layout {
        case combined
        case common
    }

    static func append(_ request: SampleRequest, layout: Layout, to out: inout [UInt8]) {
        HAProxyLineWriter.appendClient(request.client, to: &out)
        out.appendASCII(" - ")
        if let user = request.user {
            out.appendASCII("u-")
            out.appendDecimal(user, width: 6)
        } else {
            out.append(UInt8(ascii: "-"))
        }
        out.appendASCII(" [")
        SampleDate.appendCLF(request.acceptMillis, to: &out)
        out.appendASCII("] \"")
        appendRequestLine(request, to: &out)
        out.appendASCII("\" ")
        out.appendDecimal(request.status < 0 ? 499 : request.status)
        out.append(UInt8(ascii: " "))
        switch layout {
        case .combined:
            out.appendDecimal(request.bodyBytes)
            out.appendASCII(" \"")
            if let referer = SampleUserAgent.referer(request) {
                out.appendASCII(referer)
            } else {
                out.append(UInt8(ascii: "-"))
            }
            out.appendASCII("\" \"")
            var agent: [UInt8] = []
            SampleUserAgent.append(request, to: &agent)
            appendEscaped(agent, to: &out)
            out.append(UInt8(ascii: "\""))
        case .common:
            // Apache's `%b`: `-` for no body.
            if request.bodyBytes == 0 {
                out.append(UInt8(ascii: "-"))
            } else {
                out.appendDecimal(request.bodyBytes)
            }
        }
    }

    /// `$request`: the request line as received, HTTP/2 ones as `HTTP/2.0` with the path alone.
    private static func appendRequestLine(_ request: SampleRequest, to out: inout [UInt8]) {
        guard let line = request.line else {
            if request.status == 408 {
                out.append(UInt8(ascii: "-"))
                return
            }
            // A TLS ClientHello's first bytes, the rest of the record varying by connection.
            var hello: [UInt8] = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03]
            var random = SplitMix64.mix(UInt64(request.clientPort) &+ UInt64(request.acceptMillis))
            for _ in 0..<6 {
                hello.append(UInt8(truncatingIfNeeded: random))
                random >>= 8
            }
            appendEscaped(hello, to: &out)
            return
        }
        out.appendASCII(line.method)
        out.append(UInt8(ascii: " "))
        appendEscaped(line.target, to: &out)
        out.appendASCII(line.http2 ? " HTTP/2.0" : " HTTP/1.1")
    }

    /// nginx's `escape=default`: `"`, `\`, bytes below 0x20 and above 0x7E as `\xHH`.
    static func appendEscaped(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789ABCDEF"
        hex.withUTF8Buffer { table in
            for byte in bytes {
                if byte < 0x20 || byte > 0x7E || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    out.append(UInt8(ascii: "\\"))
                    out.append(UInt8(ascii: "x"))
                    out.append(table[Int(byte >> 4)])
                    out.append(table[Int(byte & 0xF)])
                } else {
                    out.append(byte)
                }
            }
        }
    }
}
