import Testing

@testable import SluiceModel

/// The `volume` section: its defaults, its ranges, the exclusive `gb_per_day`, and views it may name. The fixture
/// pipeline has 59 lines; the section appended to it starts on line 60.
@Suite struct VolumeManifestTests {
    private func decoded(_ section: String) -> (Pipeline?, Diagnostics) {
        var diagnostics = Diagnostics()
        let pipeline = PipelineDecoder.decode(
            Fixtures.pipeline + section, path: "pipelines/web.yaml", diagnostics: &diagnostics)
        return (pipeline, diagnostics)
    }

    /// The errors validating the fixture with `section` appended, as `line:column: message`.
    private func errors(_ section: String) -> [String] {
        Fixtures.check(pipeline: Fixtures.pipeline + section).errors.map {
            "\($0.location.line):\($0.location.column): \($0.message)"
        }
    }

    @Test func anAbsentSectionLeavesEveryFigureToItsDefault() throws {
        let (pipeline, diagnostics) = decoded("")
        #expect(!diagnostics.hasErrors)
        let volume = try #require(pipeline).volume
        #expect(volume.eventsPerDay == nil && volume.averageEventBytes == nil && volume.gbPerDay == nil)
        #expect(volume.queriesPerDay == nil && volume.daysPerQuery == nil && volume.views.isEmpty)
        #expect(volume.quickSightAuthors == nil && volume.quickSightReaders == nil)
        #expect(Fixtures.check(pipeline: Fixtures.pipeline).errors.isEmpty)
    }

    @Test func everyDeclaredFigureIsRead() throws {
        let (pipeline, diagnostics) = decoded(
            """
            volume:
              events_per_day: 2000000
              average_event_bytes: 300
              queries_per_day: 20
              days_per_query: 7
              views:
                daily: { queries_per_day: 50, days_per_query: 1 }
              quicksight: { authors: 1, readers: 10 }

            """)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.sorted)")
        let volume = try #require(pipeline).volume
        #expect(volume.eventsPerDay == 2_000_000 && volume.averageEventBytes == 300)
        #expect(volume.queriesPerDay == 20 && volume.daysPerQuery == 7)
        #expect(volume.quickSightAuthors == 1 && volume.quickSightReaders == 10)
        let daily = try #require(volume.view("daily"))
        #expect(daily.queriesPerDay == 50 && daily.daysPerQuery == 1)
        #expect(daily.origin.location.line == 66)
    }

    @Test func gigabytesADayTakeADecimal() throws {
        let (pipeline, diagnostics) = decoded("volume:\n  gb_per_day: 0.5\n")
        #expect(!diagnostics.hasErrors)
        let volume = try #require(pipeline).volume
        #expect(volume.gbPerDay == 0.5)
        #expect(errors("volume:\n  gb_per_day: 0.5\n").isEmpty)
    }

    @Test func gigabytesADayAreExclusiveWithTheEventsPair() {
        let found = errors("volume:\n  events_per_day: 1000\n  gb_per_day: 0.5\n")
        #expect(
            found == [
                "62:15: gb_per_day replaces events_per_day and average_event_bytes: give gb_per_day or those two, "
                    + "not both (found events_per_day too)"
            ])
    }

    @Test(arguments: [
        ("  average_event_bytes: 0", "61:24: average_event_bytes must be 1 to 1048576, found 0"),
        ("  average_event_bytes: 1048577", "61:24: average_event_bytes must be 1 to 1048576, found 1048577"),
        ("  events_per_day: -1", "61:19: events_per_day must be 0 to 1000000000000, found -1"),
        ("  days_per_query: 0", "61:19: days_per_query must be 1 to 36500, found 0"),
        ("  queries_per_day: 1000001", "61:20: queries_per_day must be 0 to 1000000, found 1000001"),
        ("  quicksight: { authors: -2 }", "61:26: authors must be 0 to 100000, found -2"),
        ("  quicksight: { readers: 100001 }", "61:26: readers must be 0 to 100000, found 100001"),
        ("  views:\n    daily: { days_per_query: 0 }", "62:30: days_per_query must be 1 to 36500, found 0"),
        ("  gb_per_day: 2000000", "61:15: gb_per_day must be 0 to 1048576, found 2000000.0"),
        ("  gb_per_day: -0.5", "61:15: gb_per_day must be 0 to 1048576, found -0.5"),
        ("  gb_per_day: nan", "61:15: expected a number for 'volume.gb_per_day', found 'nan'"),
        ("  gb_per_day: lots", "61:15: expected a number for 'volume.gb_per_day', found 'lots'"),
        ("  events_per_day: many", "61:19: expected an integer for 'volume.events_per_day', found 'many'"),
        ("  views:\n    daily: 5", "62:12: expected a mapping for 'volume.views.daily'"),
        ("  views: [daily]", "61:10: expected a mapping for 'volume.views'"),
    ])
    func aFigureOutOfRangeIsALocatedError(line: String, expected: String) {
        let found = errors("volume:\n\(line)\n")
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }

    @Test func aViewNotDeclaredIsAnErrorWithTheNearestName() {
        let found = errors("volume:\n  views:\n    dialy: { queries_per_day: 5 }\n")
        #expect(
            found == ["62:5: volume.views names 'dialy', which is not a view of this pipeline (did you mean 'daily'?)"])
    }

    @Test func anUnknownKeyIsReportedWithTheNearestKey() {
        let found = errors("volume:\n  queries_a_day: 5\n")
        #expect(found.contains { $0.hasPrefix("61:3: unknown key 'queries_a_day' in 'volume'") }, "\(found)")
    }
}
