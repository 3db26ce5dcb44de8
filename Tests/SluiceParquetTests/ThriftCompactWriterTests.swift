import Testing

@testable import SluiceParquet

/// The compact protocol's bytes, computed by hand from Thrift's compact protocol specification.
@Suite("Thrift compact protocol")
struct ThriftCompactWriterTests {
    @Test("varints are ULEB128, integers zigzag first")
    func varintsAndZigzag() {
        var thrift = ThriftCompactWriter()
        thrift.writeVarint(0)
        thrift.writeVarint(127)
        thrift.writeVarint(300)
        #expect(thrift.bytes == [0x00, 0x7F, 0xAC, 0x02])
        #expect(ThriftCompactWriter.zigzag(0) == 0)
        #expect(ThriftCompactWriter.zigzag(-1) == 1)
        #expect(ThriftCompactWriter.zigzag(1) == 2)
        #expect(ThriftCompactWriter.zigzag(-64) == 127)
        #expect(ThriftCompactWriter.zigzag(Int64.min) == UInt64.max)
        var i64 = ThriftCompactWriter()
        i64.writeI64(-2)
        i64.writeI32(Int32.max)
        #expect(i64.bytes == [0x03, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F])
    }

    @Test("a field id 1 to 15 above the last is a delta in the header's high nibble; else a zigzag id follows")
    func fieldDeltas() {
        var thrift = ThriftCompactWriter()
        thrift.writeStruct { body in
            body.field(1, i32: 5)  // delta 1, type 5 (i32), zigzag 5 = 10
            body.field(3, i64: -1)  // delta 2, type 6, zigzag -1 = 1
            body.field(20, i32: 0)  // delta 17: type byte 5 then the id 20 zigzagged (40)
            body.field(21, binary: Array("ab".utf8))  // delta 1, type 8, length 2, the bytes
        }
        #expect(thrift.bytes == [0x15, 0x0A, 0x26, 0x01, 0x05, 0x28, 0x00, 0x18, 0x02, 0x61, 0x62, 0x00])
    }

    @Test("a bool field's value is its type: 1 true, 2 false")
    func bools() {
        var thrift = ThriftCompactWriter()
        thrift.writeStruct { body in
            body.field(1, bool: true)
            body.field(2, bool: false)
        }
        #expect(thrift.bytes == [0x11, 0x12, 0x00])
    }

    @Test("a nested struct counts its field ids from 0 and its parent's resume after it")
    func nestedStructs() {
        var thrift = ThriftCompactWriter()
        thrift.writeStruct { outer in
            outer.field(5) { inner in inner.field(1, i32: 1) }
            outer.field(6, i32: 1)
        }
        #expect(thrift.bytes == [0x5C, 0x15, 0x02, 0x00, 0x15, 0x02, 0x00])
    }

    @Test("lists: the size in the high nibble under 15, else 0xF and a varint size")
    func lists() {
        var short = ThriftCompactWriter()
        short.writeStruct { $0.field(1, i32List: [1, -1, 2]) }
        #expect(short.bytes == [0x19, 0x35, 0x02, 0x01, 0x04, 0x00])
        var long = ThriftCompactWriter()
        long.writeStruct { $0.field(2, stringList: Array(repeating: "", count: 20)) }
        #expect(long.bytes == [0x29, 0xF8, 0x14] + Array(repeating: 0, count: 20) + [0x00])
        var structs = ThriftCompactWriter()
        structs.writeStruct { $0.field(1, structList: [7, 8]) { element, value in element.field(1, i32: value) } }
        #expect(structs.bytes == [0x19, 0x2C, 0x15, 0x0E, 0x00, 0x15, 0x10, 0x00, 0x00])
    }

    @Test("a string column's schema element: BYTE_ARRAY, OPTIONAL, its name, UTF8 and the STRING logical type")
    func schemaElement() {
        var thrift = ThriftCompactWriter()
        thrift.writeStruct { ParquetMetadata.writeSchemaElement(ParquetColumn(name: "a", type: .string), to: &$0) }
        // type 6, repetition 1, name "a", converted_type 0, logicalType { 1: StringType {} }
        #expect(
            thrift.bytes == [0x15, 0x0C, 0x25, 0x02, 0x18, 0x01, 0x61, 0x25, 0x00, 0x4C, 0x1C, 0x00, 0x00, 0x00])
    }
}
