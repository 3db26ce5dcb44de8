import Foundation
import SluiceModel
import Testing

@testable import SluiceCommands

/// `sluice status` lists alarms by the pipeline's name prefix, which another pipeline's alarms can share.
@Suite("status: only the pipeline's own alarms")
struct StatusAlarmFilterTests {
    private func exampleNames() throws -> Names {
        let workspace = ProjectFiles(root: TemporaryProject.repositoryRoot).load()
        let project = try #require(workspace.project)
        let pipeline = try #require(workspace.pipelines.first { $0.name == "integrations-usage" })
        return try #require(Names(project: project, pipeline: pipeline))
    }

    @Test("a pipeline whose name extends this one's (integrations-usage-v2) shares the prefix, not the alarms")
    func longerPipelineName() throws {
        let names = try exampleNames()
        #expect(StatusReader.isOwnAlarm(names.alarm(.lambdaErrors), of: names))
        #expect(StatusReader.isOwnAlarm(names.alarm(.noRows), of: names))
        let other = "\(names.alarmPrefix)v2-\(PipelineAlarm.lambdaErrors.id)"
        #expect(other.hasPrefix(names.alarmPrefix))
        #expect(!StatusReader.isOwnAlarm(other, of: names))
        #expect(!StatusReader.isOwnAlarm("\(names.alarmPrefix)hand-made", of: names))
    }
}
