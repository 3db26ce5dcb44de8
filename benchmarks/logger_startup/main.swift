import Foundation
import Logging

// A processor's cold-start logging, one path a process (`benchmarks/logger_startup.sh` runs many): `swiftlog`
// bootstraps swift-log with a handler that drops every line, makes a Logger and logs once (what swift-log itself
// costs); `handler` does the same with Sluice's JSONLogHandler writing to stderr (what the processor does).
// Prints the path, the microseconds from before bootstrapping to after the first line, and those of a second line.
func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
let mode = CommandLine.arguments.dropFirst().first ?? "handler"
let start = now()
if mode == "swiftlog" {
    LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
} else {
    let level = JSONLogHandler.level(fromEnvironment: ["LOG_LEVEL": "info"])
    LoggingSystem.bootstrap { _ in JSONLogHandler(logLevel: level) }
}
var logger = Logger(label: "sluice.processor")
logger[metadataKey: "pipeline"] = "p"
logger.info("started", metadata: ["attempt": .stringConvertible(1)])
let first = now() - start
let secondStart = now()
logger.info("started", metadata: ["attempt": .stringConvertible(2)])
print(mode, first / 1000, (now() - secondStart) / 1000)
