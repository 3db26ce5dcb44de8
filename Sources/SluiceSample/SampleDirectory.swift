import SluiceJSON

/// The accounts and integrations a sample's requests name, as the Athena federated catalog would hold them;
/// the same seed and counts give the same directory.
package struct SampleDirectory: Sendable, Equatable {
    /// A row of `directory.accounts`.
    package struct Account: Sendable, Equatable {
        /// `acct-000123`.
        package var id: String
        package var name: String
        /// `free`, `team`, `business` or `enterprise`.
        package var plan: String
    }

    /// A row of `directory.integrations`.
    package struct Integration: Sendable, Equatable {
        /// `int-0042`.
        package var id: String
        package var name: String
        package var vendor: String
    }

    /// In id order.
    package var accounts: [Account]
    /// In id order.
    package var integrations: [Integration]

    /// The directory of a sample made with this seed and these counts (see `SampleOptions`).
    package init(seed: UInt64, accountCount: Int, integrationCount: Int) {
        var random = SplitMix64(seed: seed, stream: SampleStream.directory)
        let first = SampleNames.companyFirst
        let second = SampleNames.companySecond
        accounts = (1...max(accountCount, 1)).map { number in
            let name = first[random.below(first.count)] + " " + second[random.below(second.count)]
            return Account(id: Self.accountID(number), name: name, plan: Self.plans.pick(&random))
        }
        integrations = (1...max(integrationCount, 1)).map { number in
            let entry = SampleNames.integration(number)
            return Integration(id: Self.integrationID(number), name: entry.name, vendor: entry.vendor)
        }
    }

    /// Most accounts are on small plans.
    private static let plans = Weighted([("free", 40), ("team", 32), ("business", 20), ("enterprise", 8)])

    /// `acct-` and six digits.
    static func accountID(_ number: Int) -> String {
        var bytes: [UInt8] = []
        appendAccountID(number, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendAccountID(_ number: Int, to bytes: inout [UInt8]) {
        bytes.appendASCII("acct-")
        bytes.appendDecimal(number, width: 6)
    }

    /// `int-` and four digits.
    static func integrationID(_ number: Int) -> String {
        var bytes: [UInt8] = []
        appendIntegrationID(number, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendIntegrationID(_ number: Int, to bytes: inout [UInt8]) {
        bytes.appendASCII("int-")
        bytes.appendDecimal(number, width: 4)
    }

    /// The directory as JSON, the way a local stand-in for the federated catalog reads it:
    /// `{"directory.accounts": [{"account_id": ..., "account_name": ..., "account_plan": ...}, ...],
    /// "directory.integrations": [{"integration_id": ..., "integration_name": ..., "integration_vendor": ...}]}`,
    /// keys sorted, rows in id order, one row a line. Written by hand, so the bytes do not depend on a
    /// platform's JSON encoder.
    package func json() -> [UInt8] {
        var out: [UInt8] = []
        out.appendASCII("{\"directory.accounts\": [")
        for (index, account) in accounts.enumerated() {
            out.appendASCII(index == 0 ? "\n" : ",\n")
            appendRow(
                [("account_id", account.id), ("account_name", account.name), ("account_plan", account.plan)],
                to: &out)
        }
        out.appendASCII("\n], \"directory.integrations\": [")
        for (index, integration) in integrations.enumerated() {
            out.appendASCII(index == 0 ? "\n" : ",\n")
            appendRow(
                [
                    ("integration_id", integration.id), ("integration_name", integration.name),
                    ("integration_vendor", integration.vendor),
                ], to: &out)
        }
        out.appendASCII("\n]}\n")
        return out
    }

    private func appendRow(_ fields: [(String, String)], to out: inout [UInt8]) {
        out.appendASCII("{")
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { out.appendASCII(", ") }
            JSONEscaper.append(key, to: &out)
            out.appendASCII(": ")
            JSONEscaper.append(value, to: &out)
        }
        out.appendASCII("}")
    }
}
