import SluiceProcessing
import Testing

@testable import SluiceProcessorKit

/// Sets the `hour` partition key from the toy line's message: `int:7` as an integer, `text:7` as text.
struct HourTransform: RecordTransform {
    let hour: ColumnHandle

    init(columns: ColumnLayout) throws { hour = try columns.require("hour") }

    func derive(_ record: ToyRecord, into row: inout Columns) throws(LineFailure) {
        let parts = record.message.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return }
        row[hour] = parts[0] == "int" ? .int(Int64(parts[1]) ?? 0) : .string(parts[1])
    }
}

@Suite("Partition keys of every declared type")
struct PartitionKeyTypeTests {
    func rows(hourType: ColumnType) throws -> RecordRows<ToyFormat, HourTransform> {
        var config = toyConfig(columns: [.init(name: "level", type: .string)])
        config.output.partitionKeys = [.init(name: "dt", type: .date), .init(name: "hour", type: hourType)]
        let layout = ColumnLayout(config.output)
        return try RecordRows(config: config, layout: layout, transform: try HourTransform(columns: layout))
    }

    func outcome(_ rows: RecordRows<ToyFormat, HourTransform>, _ message: String) -> String {
        switch rows.row(Array("86400000 INFO \(message)".utf8)[...], answer: { _, _ in nil }) {
        case .row(_, let partition): partition
        case .failure(let failure): "refused: \(failure.reason)"
        case .deferred: "deferred"
        }
    }

    @Test("an int key takes an integer value, or text that reads as one; a date key the day's text")
    func typedValues() throws {
        let rows = try rows(hourType: .int)
        #expect(outcome(rows, "int:7") == "dt=1970-01-02/hour=7")
        #expect(outcome(rows, "text:8") == "dt=1970-01-02/hour=8")
        #expect(outcome(rows, "int:-3") == "dt=1970-01-02/hour=-3")
    }

    @Test("a value the key's type cannot hold quarantines the line rather than name a partition Athena cannot read")
    func refused() throws {
        let rows = try rows(hourType: .int)
        let refusal = "refused: partition key hour has no usable value"
        #expect(outcome(rows, "text:seven") == refusal)
        #expect(outcome(rows, "int:99999999999") == refusal)
        #expect(outcome(rows, "no hour") == refusal)
        let strings = try self.rows(hourType: .string)
        #expect(outcome(strings, "text:seven") == "dt=1970-01-02/hour=seven")
        #expect(outcome(strings, "int:7") == refusal)
        #expect(outcome(strings, "text:a/b") == refusal)
    }

    @Test("a string value Hive would escape in a folder name (and so read back as another value) is refused")
    func hiveEscapedBytes() throws {
        let strings = try rows(hourType: .string)
        let refusal = "refused: partition key hour has no usable value"
        for text in ["a%2Fb", "a=b", "10:00", "a#b", "a?b", "a\\b", "a'b", "a\"b", "a*b", "a{b", "a[b", "a]b", "a^b"] {
            #expect(outcome(strings, "text:\(text)") == refusal, "\(text)")
        }
        #expect(RecordRows<ToyFormat, HourTransform>.partitionText(.string("a\u{7f}b"), as: .string) == nil)
        #expect(RecordRows<ToyFormat, HourTransform>.partitionText(.string("a\tb"), as: .string) == nil)
        #expect(outcome(strings, "text:eu-west-1_a.b~c+d") == "dt=1970-01-02/hour=eu-west-1_a.b~c+d")
        #expect(outcome(strings, "text:é") == "dt=1970-01-02/hour=é")
    }

    @Test("a date or timestamp key's value outside 0000 to 9999 names no partition, as the row check refuses it")
    func outOfRangeDay() {
        typealias Rows = RecordRows<ToyFormat, HourTransform>
        // Timestamps.day would spell the year clamped, naming another day's folder.
        #expect(Rows.partitionText(.date(ColumnValueCheck.days.upperBound + 1), as: .date) == nil)
        #expect(Rows.partitionText(.date(ColumnValueCheck.days.lowerBound - 1), as: .date) == nil)
        #expect(Rows.partitionText(.date(ColumnValueCheck.days.upperBound), as: .date) == "9999-12-31")
        #expect(Rows.partitionText(.double(.nan), as: .double) == nil)
        #expect(Rows.partitionText(.double(1.5), as: .double) == "1.5")
    }
}
