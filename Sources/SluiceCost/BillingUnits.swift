/// The units every estimate uses: AWS's pricing calculator's month of 730 hours, and binary byte units (AWS bills
/// storage and Athena scans in them).
package enum BillingUnits {
    package static let hoursPerMonth = 730.0
    /// 730 / 24 = 30.4166... days.
    package static let daysPerMonth = hoursPerMonth / 24
    package static let secondsPerDay = 86_400.0
    package static let kibibyte = 1_024.0
    package static let mebibyte = 1_048_576.0
    package static let gibibyte = 1_073_741_824.0
    package static let tebibyte = 1_099_511_627_776.0
}
