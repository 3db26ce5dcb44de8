import Testing

@testable import SluiceProcessing

/// Lines the logger cut (a syslog relay's message size limit): what was logged is kept, and a
/// column reading a field cut away quarantines the line.
@Suite("NCSA lines cut by the logger")
struct NCSATruncationTests {
    /// The Apache example line up to (and including) `text`.
    static func apache(upTo text: String, _ line: String = NCSALines.apache) -> String {
        let offset = byteOffset(of: text, in: line) + text.utf8.count
        return String(decoding: Array(line.utf8)[..<offset], as: UTF8.self)
    }

    @Test("cut inside the user agent: every field kept, the user agent as far as logged")
    func insideUserAgent() throws {
        let record = try ncsaRecord(Self.apache(upTo: "Mozilla/4.08 [en"))
        #expect(record.truncated && record.cutAway == .extra)
        #expect(record.userAgent == "Mozilla/4.08 [en")
        #expect(record.referer == "http://www.example.com/start.html")
        #expect(record.status == 200 && record.bytesSent == 2326 && record.httpVersion == "HTTP/1.0")
    }

    @Test("cut just after the user agent's opening quote: an empty partial user agent")
    func atUserAgentQuote() throws {
        let record = try ncsaRecord(Self.apache(upTo: #"start.html" ""#))
        #expect(record.truncated && record.cutAway == .extra && record.userAgent == "")
    }

    @Test("cut after the referer, before the user agent: the user agent is cut away")
    func afterReferer() throws {
        for text in [#"start.html""#, #"start.html" "#] {
            let record = try ncsaRecord(Self.apache(upTo: text))
            #expect(record.truncated && record.cutAway == .userAgent)
            #expect(record.referer == "http://www.example.com/start.html" && record.userAgent == nil)
        }
    }

    @Test("cut inside the referer: the referer as far as logged, the user agent cut away")
    func insideReferer() throws {
        let record = try ncsaRecord(Self.apache(upTo: "http://www.exa"))
        #expect(record.truncated && record.cutAway == .userAgent)
        #expect(record.referer == "http://www.exa" && record.userAgent == nil && record.bytesSent == 2326)
    }

    @Test("cut after Apache's `-` byte count: the referer and user agent are cut away")
    func afterDashBytes() throws {
        let line = substituting("200 2326", with: "304 -", in: NCSALines.apache)
        let record = try ncsaRecord(Self.apache(upTo: "304 -", line))
        #expect(record.truncated && record.cutAway == .referer && record.bytesSent == 0)
    }

    @Test("cut after the status: the byte count and later fields are cut away")
    func afterStatus() throws {
        let record = try ncsaRecord(Self.apache(upTo: "HTTP/1.0\" 200"))
        #expect(record.truncated && record.cutAway == .bytesSent && record.status == 200 && record.bytesSent == nil)
    }

    @Test("cut after the request line: the status and later fields are cut away")
    func afterRequest() throws {
        let record = try ncsaRecord(Self.apache(upTo: "HTTP/1.0\""))
        #expect(record.truncated && record.cutAway == .status && record.status == nil)
        #expect(record.request == "GET /apache_pb.gif HTTP/1.0" && record.httpVersion == "HTTP/1.0")
    }

    @Test(
        "cut inside the request line: the request and its target as far as logged; a part not wholly logged is null",
        arguments: [
            ("GET /apache_p", "GET /apache_p", "GET", "/apache_p"),
            ("GET /apache_pb.gif HTTP/1.", "GET /apache_pb.gif HTTP/1.", "GET", "/apache_pb.gif"),
            ("GET /apache_pb.gif HTTP/1.0", "GET /apache_pb.gif HTTP/1.0", "GET", "/apache_pb.gif"),
            ("GET /apache_pb.gif H", "GET /apache_pb.gif H", "GET", "/apache_pb.gif"),
            // The space after the method goes with the line's trailing white space.
            ("GET ", "GET", nil, nil),
            ("GE", "GE", nil, nil),
            ("\"", nil, nil, nil),
        ] as [(String, String?, String?, String?)])
    func insideRequest(upTo: String, request: String?, method: String?, path: String?) throws {
        let record = try ncsaRecord(Self.apache(upTo: upTo))
        #expect(record.truncated && record.cutAway == .status)
        #expect(record.request == request)
        #expect(record.method == method)
        #expect(record.path == path)
        #expect(record.httpVersion == nil && record.status == nil)
    }

    @Test("a query cut short is kept as far as logged")
    func insideQuery() throws {
        let record = try ncsaRecord(
            Self.apache(upTo: "?page=4&sor", substituting("?team=T1&x=", with: "?page=4&sort=asc", in: NCSALines.nginx))
        )
        #expect(record.path == "/integrations/slack" && record.query == "page=4&sor" && record.cutAway == .status)
    }

    @Test("cut after the date: everything after it is cut away")
    func afterDate() throws {
        let record = try ncsaRecord(Self.apache(upTo: "-0700]"))
        #expect(record.truncated && record.cutAway == .request && record.request == nil)
        #expect(record.timestamp == NCSALines.apacheTimestamp)
    }

    @Test("common: a cut inside the request line cuts away the status and byte count; after the status, the count")
    func common() throws {
        let inside = try ncsaRecord(Self.apache(upTo: "/apache", NCSALines.apacheCommon), .common)
        #expect(inside.truncated && inside.cutAway == .status && inside.path == "/apache")
        let afterStatus = try ncsaRecord(Self.apache(upTo: "\" 200", NCSALines.apacheCommon), .common)
        #expect(afterStatus.cutAway == .bytesSent && afterStatus.status == 200)
        // The byte count is the last field: a line ending in it is whole.
        let whole = try ncsaRecord(Self.apache(upTo: "200 23", NCSALines.apacheCommon), .common)
        #expect(!whole.truncated && whole.bytesSent == 23)
    }

    @Test(
        "cut where no value can be trusted: refused with a reason saying so",
        arguments: [
            ("127.0.0.1", "missing:ident"), ("127.0.0.1 -", "missing:user"),
            ("127.0.0.1 - frank", "missing:time_local"),
            ("127.0.0.1 - frank [", "cut:time_local"), ("127.0.0.1 - frank [10/Oct/2000:13:5", "cut:time_local"),
            ("-0700", "cut:time_local"), ("HTTP/1.0\" 20", "cut:status"), ("200 23", "cut:bytes_sent"),
            ("200 2326", "cut:bytes_sent"),
        ])
    func refused(upTo: String, code: String) throws {
        let failure = try #require(ncsaFailure(Self.apache(upTo: upTo)))
        #expect(failure.code == code)
        #expect(failure.offset == Self.apache(upTo: upTo).utf8.count)
        #expect(failure.description.contains("the line ends"))
    }

    @Test("every prefix of a combined line is a record the logger cut, or refused as cut; never another reason")
    func everyPrefix() throws {
        let bytes = Array(NCSALines.apache.utf8)
        for length in 1..<bytes.count {
            switch NCSAParser.parse(bytes[..<length], layout: .combined) {
            case .success(let record): #expect(record.truncated, "\(length)")
            case .failure(let failure):
                #expect(failure.code.hasPrefix("cut:") || failure.code.hasPrefix("missing:"), "\(length): \(failure)")
            }
        }
        let common = Array(NCSALines.apacheCommon.utf8)
        for length in 1..<common.count {
            switch NCSAParser.parse(common[..<length], layout: .common) {
            case .success(let record):
                // Cut inside the byte count is indistinguishable from a smaller count.
                #expect(record.truncated || record.bytesSent.map { 2326 / $0 >= 10 } == true, "\(length)")
            case .failure(let failure):
                #expect(failure.code.hasPrefix("cut:") || failure.code.hasPrefix("missing:"), "\(length): \(failure)")
            }
        }
    }

    // MARK: What a table reading the fields makes of a cut line

    private static func read<Format: RecordFormat>(
        _: Format.Type, _ field: String, _ line: String, as type: ColumnType = .string
    ) throws -> Result<Row.Value, LineFailure> {
        let record = try Format.parse(Array(line.utf8)[...]).get()
        return try Format.reader(FieldPath(key: field), for: type).read(record)
    }

    @Test("a column reading a field the logger cut away quarantines the line, naming the field")
    func cutAwayQuarantines() throws {
        let afterReferer = Self.apache(upTo: "http://www.exa")
        #expect(
            try Self.read(NCSACombinedFormat.self, "user_agent", afterReferer)
                == .failure(NCSACombinedFormat.cutAwayFailure("user_agent")))
        #expect(try Self.read(NCSACombinedFormat.self, "referer", afterReferer) == .success(.string("http://www.exa")))
        #expect(try Self.read(NCSACombinedFormat.self, "status", afterReferer, as: .int) == .success(.int(200)))
        #expect(
            try Self.read(NCSACombinedFormat.self, "$truncated", afterReferer, as: .boolean) == .success(.bool(true)))
        #expect(
            try Self.read(NCSACombinedFormat.self, "truncated", afterReferer, as: .boolean) == .success(.bool(true)))

        let insideRequest = Self.apache(upTo: "GET /apache_p")
        for field in ["status", "bytes_sent", "referer", "user_agent", "extra"] {
            #expect(
                try Self.read(NCSACombinedFormat.self, field, insideRequest)
                    == .failure(NCSACombinedFormat.cutAwayFailure(field)), "\(field)")
        }
        // The request's parts are not cut away: the version is a plain null, the path what was logged.
        #expect(try Self.read(NCSACombinedFormat.self, "http_version", insideRequest) == .success(.null))
        #expect(try Self.read(NCSACombinedFormat.self, "path", insideRequest) == .success(.string("/apache_p")))
        #expect(
            try Self.read(NCSACombinedFormat.self, "client_address", insideRequest) == .success(.string("127.0.0.1")))
    }

    @Test("cut inside the user agent: only extra is cut away; a whole line's null extra is just null")
    func userAgentCutKeepsRow() throws {
        let line = Self.apache(upTo: "Mozilla/4.08")
        #expect(try Self.read(NCSACombinedFormat.self, "user_agent", line) == .success(.string("Mozilla/4.08")))
        #expect(
            try Self.read(NCSACombinedFormat.self, "extra", line)
                == .failure(NCSACombinedFormat.cutAwayFailure("extra")))
        #expect(try Self.read(NCSACombinedFormat.self, "extra", NCSALines.apache) == .success(.null))
    }

    @Test("common: the referer and user agent are no part of the line, so never cut away")
    func commonHasNoReferer() throws {
        let line = Self.apache(upTo: "/apache", NCSALines.apacheCommon)
        #expect(try Self.read(NCSACommonFormat.self, "referer", line) == .success(.null))
        #expect(
            try Self.read(NCSACommonFormat.self, "status", line) == .failure(NCSACommonFormat.cutAwayFailure("status")))
    }
}
