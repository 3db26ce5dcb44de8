/// The NCSA access-log layouts the parser reads: the layouts nginx and Apache write by default.
package enum NCSALayout: String, Hashable, Sendable, CaseIterable {
    /// nginx's `combined`, `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent
    /// "$http_referer" "$http_user_agent"`, and Apache's `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"`.
    case combined
    /// Apache's `common`, `%h %l %u %t "%r" %>s %b`: `combined` without the referer and user agent.
    case common
}
