/// Why a line is not an NCSA access-log record, and where the parser gave up.
///
/// `code` is a short stable string for machines (`bad_status`, `cut:time_local`); `description` says what was
/// wrong in words, with the code and the byte offset (from the start of the line as given).
package struct NCSAFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The fields the parser names in its failures; raw values are the snake_case names used in `code`.
    package enum Field: String, Hashable, Sendable, CaseIterable {
        case clientAddress = "client_address"
        case ident
        case user
        case timeLocal = "time_local"
        case request
        case status
        case bytesSent = "bytes_sent"
        case referer
        case userAgent = "user_agent"

        /// The field in words, with the Apache directive that writes it.
        var label: String {
            switch self {
            case .clientAddress: "the client address (%h)"
            case .ident: "the ident (%l)"
            case .user: "the user (%u)"
            case .timeLocal: "the date ([%t])"
            case .request: "the request line (\"%r\")"
            case .status: "the status (%>s)"
            case .bytesSent: "the byte count (%b)"
            case .referer: "the referer (\"%{Referer}i\")"
            case .userAgent: "the user agent (\"%{User-agent}i\")"
            }
        }
    }

    /// What was wrong.
    package enum Reason: Hashable, Sendable {
        /// The line holds nothing but white space.
        case empty
        /// The line ends before the field: cut by the logger where nothing can be kept, or not an NCSA line.
        case missing(Field)
        /// The line ends inside a field whose cut value cannot be trusted: the date, or a number.
        case cut(Field)
        /// A byte the format does not allow where the field (or the space before it) should be.
        case unexpected(Field)
        /// The line starts like a syslog header (`<190>`, `Feb  6 12:14:14`, an RFC 3339 date) that does not
        /// end in a program tag (`nginx:`) before the message.
        case badSyslogPrefix
        /// The client address holds bytes no address or host name has, or is a malformed IPv4 address.
        case badClientAddress
        /// The date is not `dd/Mon/yyyy:HH:MM:SS +zzzz`, or names a day or time that does not exist.
        case badDate
        /// The status is not three digits.
        case badStatus
        /// The byte count is neither digits nor `-`.
        case badBytesSent
        /// The byte count does not fit in 64 bits.
        case bytesSentOutOfRange
    }

    package var reason: Reason
    /// Bytes from the start of the line to where the problem was found; for a line that ends too soon, its
    /// length without trailing white space.
    package var offset: Int

    package init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// The reason as a short stable string: `empty`, `bad_date`, or a kind and a field such as `cut:status`.
    package var code: String {
        switch reason {
        case .empty: "empty"
        case .missing(let field): "missing:" + field.rawValue
        case .cut(let field): "cut:" + field.rawValue
        case .unexpected(let field): "unexpected:" + field.rawValue
        case .badSyslogPrefix: "bad_syslog_prefix"
        case .badClientAddress: "bad_client_address"
        case .badDate: "bad_date"
        case .badStatus: "bad_status"
        case .badBytesSent: "bad_number:bytes_sent"
        case .bytesSentOutOfRange: "out_of_range:bytes_sent"
        }
    }

    /// What was wrong, in words.
    package var explanation: String {
        switch reason {
        case .empty: "the line is empty"
        case .missing(let field):
            "the line ends before \(field.label): cut by the logger, or not an NCSA line"
        case .cut(.bytesSent):
            "the line ends after the byte count, where the referer and user agent follow: cut by the logger inside "
                + "the count (which cannot be trusted), or a common line"
        case .cut(let field): "the line ends inside \(field.label): cut by the logger where the value cannot be trusted"
        case .unexpected(.timeLocal): "expected a space, then the date in brackets, after the user"
        case .unexpected(.request): "expected a space, then the request line in double quotes, after the date"
        case .unexpected(.status): "expected a space, then the status, after the request line's closing quote"
        case .unexpected(.bytesSent): "expected a space, then the byte count, after the status"
        case .unexpected(.referer): "expected a space, then the referer in double quotes, after the byte count"
        case .unexpected(.userAgent): "expected a space, then the user agent in double quotes, after the referer"
        case .unexpected(let field): "expected \(field.label) here, before the date"
        case .badSyslogPrefix:
            "the line starts with a syslog header (priority, date, host, program tag) that is cut or malformed"
        case .badClientAddress: "the client address (%h) is not an IPv4 or IPv6 address or a host name"
        case .badDate: "the date is not dd/Mon/yyyy:HH:MM:SS +zzzz, or names a day or time that does not exist"
        case .badStatus: "the status (%>s) is not 3 digits"
        case .badBytesSent: "the byte count (%b) is neither digits nor '-'"
        case .bytesSentOutOfRange: "the byte count (%b) is too large for 64 bits"
        }
    }

    package var description: String { "\(explanation) (\(code) at byte \(offset))" }
}
