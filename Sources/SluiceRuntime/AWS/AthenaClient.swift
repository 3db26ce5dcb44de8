import Foundation
import Logging
import SluiceJSON

/// The Athena calls a processor makes to run its lookup queries: start, wait, read every page.
package struct AthenaClient: AWSServiceClient {
    package static let service = "athena"

    package let client: AWSClient

    package init(client: AWSClient) { self.client = client }

    /// A query's state, as GetQueryExecution reports it.
    package struct QueryStatus: Sendable, Equatable {
        /// `QUEUED`, `RUNNING`, `SUCCEEDED`, `FAILED` or `CANCELLED`.
        package var state: String
        package var reason: String?

        package var isFinished: Bool { ["SUCCEEDED", "FAILED", "CANCELLED"].contains(state) }
    }

    /// One page of results: the column names and the rows (nil for SQL NULL).
    package struct ResultPage: Sendable, Equatable {
        package var columns: [String]
        package var rows: [[String?]]
        package var nextToken: String?
    }

    /// Starts `sql` in `workGroup` (whose settings say where results go) with `?` parameters filled from
    /// `parameters` in order, each a SQL literal (quote strings yourself).
    package func startQueryExecution(
        sql: String, workGroup: String, parameters: [String] = [], clientRequestToken: String = UUID().uuidString
    ) async throws -> String {
        var input: [String: JSONValue] = [
            "QueryString": .string(sql), "WorkGroup": .string(workGroup),
            "ClientRequestToken": .string(clientRequestToken),
        ]
        if !parameters.isEmpty { input["ExecutionParameters"] = .array(parameters.map(JSONValue.string)) }
        let output = try await call("StartQueryExecution", input)
        guard let id = output["QueryExecutionId"]?.stringValue else {
            throw AthenaError.malformedAnswer("StartQueryExecution has no QueryExecutionId")
        }
        return id
    }

    package func getQueryExecution(id: String) async throws -> QueryStatus {
        let output = try await call("GetQueryExecution", ["QueryExecutionId": .string(id)])
        guard let status = output["QueryExecution"]?["Status"], let state = status["State"]?.stringValue else {
            throw AthenaError.malformedAnswer("GetQueryExecution has no QueryExecution.Status.State")
        }
        let athenaError = status["AthenaError"]?["ErrorMessage"]?.stringValue
        return QueryStatus(state: state, reason: status["StateChangeReason"]?.stringValue ?? athenaError)
    }

    /// One page of a finished query's results. Athena's first page starts with the header row; it is left out.
    package func getQueryResults(id: String, nextToken: String? = nil, maxResults: Int = 1000) async throws
        -> ResultPage
    {
        var input: [String: JSONValue] = ["QueryExecutionId": .string(id), "MaxResults": .int(maxResults)]
        if let nextToken { input["NextToken"] = .string(nextToken) }
        let output = try await call("GetQueryResults", input)
        guard let resultSet = output["ResultSet"], resultSet.objectValue != nil else {
            throw AthenaError.malformedAnswer("GetQueryResults has no ResultSet")
        }
        let info = resultSet["ResultSetMetadata"]?["ColumnInfo"]?.arrayValue ?? []
        var columns = info.compactMap { $0["Name"]?.stringValue }
        var rows = (resultSet["Rows"]?.arrayValue ?? []).map { row in
            (row["Data"]?.arrayValue ?? []).map { $0["VarCharValue"]?.stringValue }
        }
        if nextToken == nil, let header = rows.first {
            // The header row repeats the column names; where the metadata has none, it is the only source of them.
            if columns.isEmpty { columns = header.map { $0 ?? "" } }
            if header.map({ $0 ?? "" }) == columns { rows.removeFirst() }
        }
        return ResultPage(columns: columns, rows: rows, nextToken: output["NextToken"]?.stringValue)
    }

    /// Runs `sql` to the end and returns every row by column name, polling with growing waits up to `timeout`
    /// seconds.
    /// - Throws: `AthenaError.queryFailed` when the query failed or was cancelled, `.timedOut` when it ran too long.
    package func run(
        sql: String, workGroup: String, parameters: [String] = [], timeout: Double = 120, pollInterval: Double = 0.2
    ) async throws -> [[String: String?]] {
        let id = try await startQueryExecution(sql: sql, workGroup: workGroup, parameters: parameters)
        let deadline = Date().addingTimeInterval(timeout)
        var wait = pollInterval
        while true {
            let status = try await getQueryExecution(id: id)
            if status.state == "SUCCEEDED" { break }
            if status.isFinished { throw AthenaError.queryFailed(id: id, state: status.state, reason: status.reason) }
            guard Date() < deadline else { throw AthenaError.timedOut(id: id, seconds: timeout) }
            try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            wait = min(wait * 1.5, 2)
        }
        var rows: [[String: String?]] = []
        var token: String?
        repeat {
            let page = try await getQueryResults(id: id, nextToken: token)
            for values in page.rows {
                var row: [String: String?] = [:]
                for (index, column) in page.columns.enumerated() {
                    row[column] = index < values.count ? values[index] : nil
                }
                rows.append(row)
            }
            token = page.nextToken
        } while token != nil
        return rows
    }

    private func call(_ action: String, _ input: [String: JSONValue]) async throws -> [String: JSONValue] {
        let body = Array(JSONValue.object(input).compact().utf8)
        let response = try await client.send(
            .init(
                operation: "Athena.\(action)", method: "POST", path: "/",
                headers: [
                    .init("Content-Type", "application/x-amz-json-1.1"),
                    .init("X-Amz-Target", "AmazonAthena.\(action)"),
                ],
                body: body))
        do {
            return try JSONValueReader.object(response.body)
        } catch {
            throw AthenaError.malformedAnswer("\(action): \(error)")
        }
    }
}

/// An Athena query that did not give rows.
package enum AthenaError: Error, Sendable, Equatable, CustomStringConvertible {
    case queryFailed(id: String, state: String, reason: String?)
    case timedOut(id: String, seconds: Double)
    case malformedAnswer(String)

    package var description: String {
        switch self {
        case .queryFailed(let id, let state, let reason):
            "Athena query \(id) ended \(state)" + (reason.map { ": \($0)" } ?? "")
        case .timedOut(let id, let seconds): "Athena query \(id) did not finish within \(Int(seconds)) s"
        case .malformedAnswer(let detail): "unexpected Athena answer: \(detail)"
        }
    }
}
