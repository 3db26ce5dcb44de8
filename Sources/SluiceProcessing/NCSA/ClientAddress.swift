/// The family of an NCSA line's client address (`%h`, `$remote_addr`), checking its bytes so that a line of some
/// other shape is not taken for a record.
enum ClientAddress {
    /// IPv4 (four decimal parts of at most 255); IPv6 (hex digits, two colons or more, and dots, perhaps with a
    /// `%zone`: so `192.0.2.1:443` is refused); `unix:` (nginx behind a unix socket); or a host name (letters,
    /// digits, `-`, `.`, `_`).
    static func family(_ address: Range<Int>, in cursor: ByteCursor) throws(NCSAFailure) -> NCSARecord.AddressFamily {
        let bytes = cursor.bytes
        if cursor.hasPrefix(address, "unix:") { return .unix }
        var colons = 0
        var onlyDecimal = true
        var nameBytes = true
        var ipv6Bytes = true
        for index in address {
            let byte = bytes[index]
            if byte == ASCII.colon {
                colons += 1
            } else if byte == UInt8(ascii: "%") && colons > 0 {
                // An IPv6 zone (`fe80::1%eth0`): any interface name follows.
                break
            } else if !ASCII.isDigit(byte) && byte != ASCII.dot {
                onlyDecimal = false
                if !ASCII.isHexDigit(byte) { ipv6Bytes = false }
                if !isNameByte(byte) { nameBytes = false }
            }
            if byte == ASCII.colon { nameBytes = false }
        }
        if colons > 0 {
            guard ipv6Bytes && colons >= 2 else { throw NCSAFailure(.badClientAddress, at: address.lowerBound) }
            return .ipv6
        }
        if onlyDecimal {
            guard isIPv4(address, in: cursor) else { throw NCSAFailure(.badClientAddress, at: address.lowerBound) }
            return .ipv4
        }
        guard nameBytes else { throw NCSAFailure(.badClientAddress, at: address.lowerBound) }
        return .name
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || ASCII.isDigit(byte)
            || byte == ASCII.minus || byte == ASCII.dot || byte == UInt8(ascii: "_")
    }

    /// Four dot-separated decimal parts of one to three digits, each at most 255.
    private static func isIPv4(_ address: Range<Int>, in cursor: ByteCursor) -> Bool {
        var parts = 0
        var start = address.lowerBound
        while start <= address.upperBound {
            let dot = cursor.firstIndex(of: ASCII.dot, in: start..<address.upperBound) ?? address.upperBound
            let part = start..<dot
            guard (1...3).contains(part.count) else { return false }
            var value = 0
            for index in part { value = value * 10 + Int(cursor.bytes[index] &- ASCII.zero) }
            guard value <= 255 else { return false }
            parts += 1
            start = dot + 1
        }
        return parts == 4
    }
}
