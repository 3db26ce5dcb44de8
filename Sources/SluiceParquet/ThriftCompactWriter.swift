/// Thrift's compact protocol, the encoding of Parquet's page headers and footer: only the writing half, and only
/// the types Parquet's structures use (bool, i8, i32, i64, double, binary, list, struct).
///
/// A field's header is one byte `delta << 4 | type` when its id is 1 to 15 above the previous field's of the same
/// struct, else the type byte and the id as a zigzag varint; a bool field's value is its type (1 true, 2 false);
/// integers are zigzag varints; a struct ends with a 0 byte.
package struct ThriftCompactWriter {
    /// The compact protocol's type codes.
    package enum FieldType: UInt8 {
        case boolTrue = 1
        case boolFalse = 2
        case byte = 3
        case i16 = 4
        case i32 = 5
        case i64 = 6
        case double = 7
        case binary = 8
        case list = 9
        case set = 10
        case map = 11
        case structure = 12
    }

    package private(set) var bytes: [UInt8] = []
    /// The last field id written in each open struct, innermost last.
    private var lastFieldIDs: [Int16] = [0]

    package init() {}

    // MARK: Primitives

    package mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    package static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    package mutating func writeI32(_ value: Int32) { writeVarint(Self.zigzag(Int64(value))) }
    package mutating func writeI64(_ value: Int64) { writeVarint(Self.zigzag(value)) }

    package mutating func writeBinary(_ value: some Collection<UInt8>) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    package mutating func writeString(_ value: String) { writeBinary(value.utf8) }

    /// Bytes encoded by another writer (whole structs: their field ids do not depend on what comes before).
    package mutating func writeEncoded(_ encoded: [UInt8]) { bytes.append(contentsOf: encoded) }

    // MARK: Fields and structs

    package mutating func fieldHeader(_ id: Int16, _ type: FieldType) {
        let delta = Int(id) - Int(lastFieldIDs[lastFieldIDs.count - 1])
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeI32(Int32(id))
        }
        lastFieldIDs[lastFieldIDs.count - 1] = id
    }

    package mutating func field(_ id: Int16, i32 value: Int32) {
        fieldHeader(id, .i32)
        writeI32(value)
    }

    package mutating func field(_ id: Int16, i64 value: Int64) {
        fieldHeader(id, .i64)
        writeI64(value)
    }

    package mutating func field(_ id: Int16, i8 value: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    package mutating func field(_ id: Int16, bool value: Bool) {
        fieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    package mutating func field(_ id: Int16, binary value: some Collection<UInt8>) {
        fieldHeader(id, .binary)
        writeBinary(value)
    }

    package mutating func field(_ id: Int16, string value: String) {
        field(id, binary: value.utf8)
    }

    /// A struct-valued field: `body` writes the inner struct's fields.
    package mutating func field(_ id: Int16, structure body: (inout ThriftCompactWriter) -> Void) {
        fieldHeader(id, .structure)
        writeStruct(body)
    }

    /// A struct (not a field): its fields, then the stop byte.
    package mutating func writeStruct(_ body: (inout ThriftCompactWriter) -> Void) {
        lastFieldIDs.append(0)
        body(&self)
        bytes.append(0)
        lastFieldIDs.removeLast()
    }

    /// A list header: the size in the high nibble when under 15, else 0xF and a varint size after.
    package mutating func listHeader(_ elementType: FieldType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    package mutating func field(_ id: Int16, i32List values: [Int32]) {
        fieldHeader(id, .list)
        listHeader(.i32, count: values.count)
        for value in values { writeI32(value) }
    }

    package mutating func field(_ id: Int16, stringList values: [String]) {
        fieldHeader(id, .list)
        listHeader(.binary, count: values.count)
        for value in values { writeString(value) }
    }

    /// A list of structs: `body` writes element `index`'s fields.
    package mutating func field<Element>(
        _ id: Int16, structList elements: [Element], _ body: (inout ThriftCompactWriter, Element) -> Void
    ) {
        fieldHeader(id, .list)
        listHeader(.structure, count: elements.count)
        for element in elements { writeStruct { body(&$0, element) } }
    }
}
