import Foundation

/// The two renderings of the signing time SigV4 uses, both in UTC.
struct SigV4Timestamp: Sendable, Equatable {
    /// `yyyyMMdd'T'HHmmss'Z'`, the X-Amz-Date value.
    let amzDate: String
    /// `yyyyMMdd`, the first part of the credential scope.
    let day: String

    init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        day = padded(parts.year, 4) + padded(parts.month, 2) + padded(parts.day, 2)
        amzDate = day + "T" + padded(parts.hour, 2) + padded(parts.minute, 2) + padded(parts.second, 2) + "Z"
    }
}
