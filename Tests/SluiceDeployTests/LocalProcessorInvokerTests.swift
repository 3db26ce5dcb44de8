import Foundation
import SluiceRuntime
import Testing

@testable import SluiceCommands

/// `LocalProcessorInvoker` with stand-in executables (shell scripts), for what the real processor never does on
/// purpose: exiting before it answers. The real processor's path is the moto tests'.
@Suite("local processor invoker: a processor that dies is said, not waited for")
struct LocalProcessorInvokerTests {
    private func script(_ body: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("processor-\(UUID().uuidString).sh")
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        return file
    }

    private func invoker(_ executable: URL) throws -> LocalProcessorInvoker {
        try LocalProcessorInvoker(
            .init(
                executable: executable, pipeline: "web", declaredEnvironment: [:], functionName: "acme-web-parser",
                functionARN: "arn:aws:lambda:eu-west-1:222222222222:function:acme-web-parser", region: "eu-west-1",
                endpoint: "http://127.0.0.1:1", credentials: AWSCredentials(accessKeyID: "a", secretAccessKey: "b")))
    }

    @Test("a processor that exits without answering fails at once, with its status; the next invocation restarts it")
    func exits() throws {
        let executable = try script("echo 'a log line on stdout'\nexit 3")
        defer { try? FileManager.default.removeItem(at: executable) }
        let invoker = try invoker(executable)
        defer { invoker.stop() }
        let started = Date()
        for _ in 0..<2 {
            guard case .failed(let detail) = try invoker.invoke("{}", timeout: 60) else {
                Issue.record("a processor that exited was taken as having answered")
                return
            }
            #expect(detail.hasPrefix("the processor exited (status 3) without answering"))
        }
        #expect(Date().timeIntervalSince(started) < 10, "waited for the timeout instead of seeing the exit")
    }

    @Test("a processor that never answers fails at the timeout, saying so")
    func silent() throws {
        let executable = try script("exec sleep 30")
        defer { try? FileManager.default.removeItem(at: executable) }
        let invoker = try invoker(executable)
        let started = Date()
        guard case .failed(let detail) = try invoker.invoke("{}", timeout: 1) else {
            Issue.record("a silent processor was taken as having answered")
            return
        }
        #expect(detail.hasPrefix("the function did not answer within 1 s"))
        invoker.stop()
        #expect(Date().timeIntervalSince(started) < 10, "stop waited for the processor instead of ending it")
    }
}
