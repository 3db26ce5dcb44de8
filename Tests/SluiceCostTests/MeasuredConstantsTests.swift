import Foundation
import SluiceModel
import Testing

@testable import SluiceCost

/// BENCHMARKS.md's "Cost model inputs" table and `MeasuredConstants` state the same figures, so neither can drift.
@Suite struct MeasuredConstantsTests {
    /// The table's rows: constant, mode, output and value.
    private func documented() throws -> [MeasuredConstant] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("BENCHMARKS.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "\n## Cost model inputs\n").dropFirst().first)
        let body = section.components(separatedBy: "\n## ").first ?? section
        return try body.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { row in
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let mode = try #require(DeliveryMode(rawValue: cells[1]), "unknown mode in \(row)")
            let value = try #require(Double(cells[3]), "no number in \(row)")
            return MeasuredConstant(cells[0].trimmingCharacters(in: ["`"]), mode, cells[2], value)
        }
    }

    @Test func theDocumentedTableIsTheSwiftTable() throws {
        let rows = try documented()
        #expect(rows.count == MeasuredConstants.all.count)
        for constant in MeasuredConstants.all {
            #expect(rows.contains(constant), "BENCHMARKS.md lacks \(constant)")
        }
        for row in rows {
            #expect(MeasuredConstants.all.contains(row), "MeasuredConstants.swift lacks \(row)")
        }
    }

    @Test func everyModeAndOutputTheModelAsksForHasAFigure() {
        for mode in DeliveryMode.allCases {
            #expect(MeasuredConstants.landingBytes(perEventByte: mode) > 0)
            for format in [LakeFormat.parquet, .json] {
                #expect(MeasuredConstants.cpuSeconds(perInputMiB: mode, format) > 0)
                for codec in format.allowedCompressions {
                    #expect(MeasuredConstants.lakeBytes(perLandingByte: mode, format, codec) > 0)
                }
            }
        }
        #expect(MeasuredConstants.recordBytesPerEventByteValue > 0)
    }
}
