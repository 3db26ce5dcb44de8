/// One request of sample traffic, field by field, before a line writer renders it in a log format: every format
/// renders the same value, so the formats of one seed log the same requests (each with what its format holds).
struct SampleRequest {
    enum Client {
        /// An IPv4 address as a 32-bit number.
        case ipv4(UInt32)
        /// `2001:db8:<a>:<b>::<c>`, in the documentation prefix.
        case ipv6(UInt16, UInt16, UInt16)
    }

    enum Frontend {
        /// `api~`: the TLS listener.
        case api
        /// `api-http`: port 80, which only redirects to HTTPS.
        case plain

        var name: StaticString {
            switch self {
            case .api: "api"
            case .plain: "api-http"
            }
        }
    }

    enum Backend {
        case integrations
        case core
        /// HAProxy answered in the frontend (redirects, denials, bad requests): it logs the frontend's name.
        case frontend

        /// Servers in the backend, `<prefix>1` on.
        var servers: Int {
            switch self {
            case .integrations: 6
            case .core: 3
            case .frontend: 0
            }
        }

        var serverPrefix: StaticString {
            switch self {
            case .integrations: "int-"
            case .core: "core-"
            case .frontend: ""
            }
        }
    }

    /// What the client asked for; nil logs `<BADREQ>`.
    struct Line {
        var method: StaticString
        /// Path and query.
        var target: [UInt8]
        /// HTTP/2 requests are logged with the absolute URI (`https://host/path`) and version `HTTP/2.0`.
        var http2: Bool
    }

    var client: Client
    var clientPort: Int
    var acceptMillis: Int64
    var frontend: Frontend
    var backend: Backend
    /// The server's number in its backend; nil logs `<NOSRV>`.
    var server: Int?
    /// `%TR/%Tw/%Tc/%Tr/%Ta`, -1 for a step that never happened.
    var requestTime = 0
    var queueTime = 0
    var connectTime = 0
    var responseTime = 0
    var totalTime = 0
    /// -1 when no response was sent.
    var status = 200
    var bytes = 0
    /// `%tsc`, four characters.
    var termination: StaticString = "----"
    var activeConnections = 0
    var frontendConnections = 0
    var backendConnections = 0
    var serverConnections = 0
    var retries = 0
    /// Logged as `+<retries>`: the request went to another server after the retries.
    var redispatched = false
    var serverQueue = 0
    var backendQueue = 0
    /// The account whose host (`<account>.api.example.com`) the request named; nil for no Host header.
    var account: Int?
    /// `u-<number>` in `X-User-Id`; nil for no header.
    var user: Int?
    var line: Line?
    /// The integration the path names (`/integrations/int-0042/...`); nil for the core API.
    var integration: Int?
    /// A vendor's webhook delivery, not a call by the account's own client.
    var isWebhook = false
    /// The response's header bytes, part of `bytes`: formats that log the body alone (nginx's
    /// `$body_bytes_sent`) subtract them.
    var headerBytes = 0

    /// `bytes` without the headers.
    var bodyBytes: Int { max(0, bytes - headerBytes) }

    init(client: Client, clientPort: Int, acceptMillis: Int64, frontend: Frontend, backend: Backend) {
        self.client = client
        self.clientPort = clientPort
        self.acceptMillis = acceptMillis
        self.frontend = frontend
        self.backend = backend
    }
}
