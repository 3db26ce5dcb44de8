import Foundation

/// A minimal HTTP/1.1 client for one host, over one kept-alive blocking connection.
///
/// The Runtime API is plain HTTP on loopback with one request in flight at a time, so a socket and the shared
/// parser are all it takes; the lock only keeps concurrent callers from interleaving on the connection.
final class RuntimeHTTPClient: @unchecked Sendable {
    let host: String
    let port: UInt16
    private let lock = NSLock()
    private var connection: POSIXSocket?

    init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Sends the request (adding `Host`) and waits, without a timeout, for the whole response.
    func send(_ request: HTTPMessage) throws -> HTTPMessage {
        var request = request
        if request.header("Host") == nil { request.headers.insert(("Host", "\(host):\(port)"), at: 0) }
        let bytes = request.serialized
        lock.lock()
        defer { lock.unlock() }
        if let reused = connection {
            do {
                return try exchange(bytes, on: reused)
            } catch ExchangeError.closedBeforeResponse {
                // The server dropped an idle kept-alive connection before reading this request, so nothing was
                // processed and sending it again on a fresh one is safe.
                connection = nil
            }
        }
        let fresh = try POSIXSocket.connected(toHost: host, port: port)
        connection = fresh
        do {
            return try exchange(bytes, on: fresh)
        } catch ExchangeError.closedBeforeResponse {
            connection = nil
            throw HTTPParseError(reason: "connection closed before a response")
        }
    }

    /// Closes the kept-alive connection, if any.
    func close() {
        lock.lock()
        defer { lock.unlock() }
        connection?.close()
        connection = nil
    }

    private enum ExchangeError: Error { case closedBeforeResponse }

    private func exchange(_ bytes: [UInt8], on socket: POSIXSocket) throws -> HTTPMessage {
        let parser = HTTPMessageParser(kind: .response)
        var buffer: [UInt8] = []
        do {
            do {
                try socket.sendAll(bytes)
            } catch {
                throw ExchangeError.closedBeforeResponse
            }
            while true {
                if case .complete(let response, _) = try parser.parse(buffer) {
                    if response.closesConnection { drop(socket) }
                    return response
                }
                let chunk = try socket.receive()
                if chunk.isEmpty {
                    if buffer.isEmpty { throw ExchangeError.closedBeforeResponse }
                    drop(socket)
                    guard case .complete(let response, _) = try parser.parse(buffer, atEOF: true) else {
                        throw HTTPParseError(reason: "connection closed inside the response")
                    }
                    return response
                }
                buffer += chunk
            }
        } catch {
            drop(socket)
            throw error
        }
    }

    private func drop(_ socket: POSIXSocket) {
        socket.close()
        if connection === socket { connection = nil }
    }
}
