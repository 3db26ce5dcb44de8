import Foundation

// Measurements, not tests: run by hand in a release build (BENCHMARKS.md), since a debug build says little about
// speed. `swift run -c release SluiceBenchmarks [haproxy|ncsa|json|parquet]...`, all of them when none is named.

let benchmarks: [(name: String, run: (Int) throws -> Void)] = [
    ("haproxy", ParserBenchmarks.haproxy), ("ncsa", ParserBenchmarks.ncsa), ("json", ParserBenchmarks.json),
    ("parquet", { count in ParquetWriterBenchmark.run(count: count) }),
]

var arguments = Array(CommandLine.arguments.dropFirst())
var count = 1_000_000
if let index = arguments.firstIndex(of: "--count"), index + 1 < arguments.count, let value = Int(arguments[index + 1]),
    value > 0
{
    count = value
    arguments.removeSubrange(index...(index + 1))
}
let unknown = arguments.filter { name in !benchmarks.contains { $0.name == name } }
guard unknown.isEmpty else {
    let names = benchmarks.map(\.name).joined(separator: ", ")
    FileHandle.standardError.write(
        Data("error: no benchmark named \(unknown.joined(separator: ", ")); they are \(names)\n".utf8))
    FileHandle.standardError.write(Data("usage: SluiceBenchmarks [--count N] [NAME...]\n".utf8))
    exit(2)
}
#if DEBUG
    FileHandle.standardError.write(Data("note: a debug build; the figures mean little (use -c release)\n".utf8))
#endif
do {
    for benchmark in benchmarks where arguments.isEmpty || arguments.contains(benchmark.name) {
        try benchmark.run(count)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
