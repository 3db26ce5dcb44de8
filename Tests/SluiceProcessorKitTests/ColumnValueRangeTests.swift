import SluiceProcessing
import Testing

@testable import SluiceProcessorKit

@Suite("Timestamps and dates the JSON writer can spell")
struct ColumnValueRangeTests {
    let layout = ColumnLayout(
        columns: [.init(name: "at", type: .timestamp), .init(name: "day", type: .date)], partitionKeys: [])

    func check(_ at: Row.Value, _ day: Row.Value) -> String? {
        var values = [at, day]
        return ColumnValueCheck.mismatch(&values, layout: layout)?.reason
    }

    @Test("the first and last instants and days of years 0000 to 9999 fit, and are the text Athena reads")
    func bounds() {
        let (instants, days) = (ColumnValueCheck.timestamps, ColumnValueCheck.days)
        #expect(check(.timestamp(instants.lowerBound), .date(days.lowerBound)) == nil)
        #expect(check(.timestamp(instants.upperBound), .date(days.upperBound)) == nil)
        #expect(Timestamps.athena(ColumnValueCheck.timestamps.lowerBound) == "0000-01-01 00:00:00.000")
        #expect(Timestamps.athena(ColumnValueCheck.timestamps.upperBound) == "9999-12-31 23:59:59.999")
        #expect(Timestamps.day(ColumnValueCheck.days.lowerBound) == "0000-01-01")
        #expect(Timestamps.day(ColumnValueCheck.days.upperBound) == "9999-12-31")
    }

    @Test("beyond, the JSON would hold another instant than the Parquet (or the writer would trap): quarantined")
    func beyond() {
        let late = ColumnValueCheck.timestamps.upperBound + 1
        #expect(
            check(.timestamp(late), .null)
                == "column at is timestamp and cannot hold the timestamp \(late) ms from the epoch (outside "
                + "0000-01-01 to 9999-12-31)")
        #expect(check(.timestamp(.min), .null)?.hasPrefix("column at is timestamp and cannot hold") == true)
        #expect(check(.timestamp(.max), .null)?.hasPrefix("column at is timestamp and cannot hold") == true)
        #expect(
            check(.null, .date(.max))
                == "column day is date and cannot hold the date 2147483647 days from 1970-01-01 (outside 0000-01-01 "
                + "to 9999-12-31)")
        #expect(check(.null, .date(ColumnValueCheck.days.lowerBound - 1)) != nil)
        // A value out of range in a column of another type is described without formatting it.
        var values: [Row.Value] = [.date(.min), .null]
        #expect(ColumnValueCheck.mismatch(&values, layout: layout)?.reason.contains("days from 1970-01-01") == true)
    }
}
