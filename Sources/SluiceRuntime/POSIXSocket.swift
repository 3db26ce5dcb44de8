#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let streamSocketType = Int32(SOCK_STREAM.rawValue)
    // Linux has no SO_NOSIGPIPE: a peer that hung up must not kill the process with SIGPIPE.
    private let sendFlags = Int32(MSG_NOSIGNAL)
#else
    private let streamSocketType = SOCK_STREAM
    private let sendFlags: Int32 = 0
#endif

// File-scope wrappers, because inside `POSIXSocket` its own members would shadow these C functions.
private func systemClose(_ fd: Int32) { _ = close(fd) }
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}
private func systemAccept(_ fd: Int32) -> Int32 { accept(fd, nil, nil) }
private func systemSend(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    send(fd, bytes.baseAddress, bytes.count, sendFlags)
}
private func systemReceive(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    recv(fd, buffer.baseAddress, buffer.count, 0)
}

/// A failed socket call, with the `errno` (or `getaddrinfo` status) it left.
package struct POSIXSocketError: Error, CustomStringConvertible {
    let operation: String
    let message: String

    package init(_ operation: String, code: Int32 = errno) {
        self.operation = operation
        self.message = String(cString: strerror(code))
    }

    init(_ operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    package var description: String { "\(operation) failed: \(message)" }
}

/// A blocking TCP socket that owns its descriptor; not thread-safe, so each owner keeps it to one thread or a lock.
package final class POSIXSocket {
    /// The descriptor, or -1 once closed.
    package private(set) var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
        // Child processes (a handler shelling out) must not inherit the runtime's connection.
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        #if canImport(Darwin)
            setOption(SOL_SOCKET, SO_NOSIGPIPE, 1)
        #endif
    }

    deinit { close() }

    /// Connects to `host:port`, trying each address the resolver gives.
    static func connected(toHost host: String, port: UInt16) throws -> POSIXSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamSocketType
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw POSIXSocketError("resolving \(host)", message: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var lastError = POSIXSocketError("connecting to \(host):\(port)", message: "no address")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else {
                lastError = POSIXSocketError("socket")
                continue
            }
            guard let address = info.pointee.ai_addr, systemConnect(fd, address, info.pointee.ai_addrlen) == 0 else {
                lastError = POSIXSocketError("connecting to \(host):\(port)")
                systemClose(fd)
                continue
            }
            let connection = POSIXSocket(descriptor: fd)
            connection.disableNagle()
            return connection
        }
        throw lastError
    }

    /// A socket listening on 127.0.0.1 at a port the kernel picks, and that port.
    package static func listeningOnLoopback() throws -> (socket: POSIXSocket, port: UInt16) {
        let fd = socket(AF_INET, streamSocketType, 0)
        guard fd >= 0 else { throw POSIXSocketError("socket") }
        let listener = POSIXSocket(descriptor: fd)
        listener.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
        var address = sockaddr_in()
        #if canImport(Darwin)
            address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw POSIXSocketError("binding 127.0.0.1:0") }
        guard listen(fd, 64) == 0 else { throw POSIXSocketError("listen") }
        var actual = sockaddr_in()
        var actualLength = length
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        guard named == 0 else { throw POSIXSocketError("getsockname") }
        return (listener, UInt16(bigEndian: actual.sin_port))
    }

    /// The next connection on a listening socket.
    package func accept() throws -> POSIXSocket {
        while true {
            let fd = systemAccept(descriptor)
            if fd >= 0 {
                let connection = POSIXSocket(descriptor: fd)
                connection.disableNagle()
                return connection
            }
            if errno != EINTR { throw POSIXSocketError("accept") }
        }
    }

    /// Up to `maximum` bytes as soon as any arrive; empty at end of stream.
    package func receive(maximum: Int = 65_536) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemReceive(descriptor, $0) }
            if count >= 0 {
                buffer.removeSubrange(count...)
                return buffer
            }
            if errno != EINTR { throw POSIXSocketError("recv") }
        }
    }

    /// Writes every byte, however many calls that takes.
    package func sendAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { systemSend(descriptor, UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            if sent > 0 {
                offset += sent
            } else if sent < 0, errno == EINTR {
                continue
            } else {
                throw POSIXSocketError("send")
            }
        }
    }

    /// Bounds how long a send may block, so a peer that stops reading cannot stall the caller for good.
    package func setSendTimeout(seconds: Int) {
        var value = timeval()
        value.tv_sec = time_t(seconds)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Closes the descriptor; later calls do nothing.
    package func close() {
        guard descriptor >= 0 else { return }
        systemClose(descriptor)
        descriptor = -1
    }

    // Requests and responses are written whole, so waiting to coalesce small segments only adds latency.
    private func disableNagle() {
        setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
    }

    private func setOption(_ level: Int32, _ name: Int32, _ value: Int32) {
        var value = value
        _ = setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }
}
