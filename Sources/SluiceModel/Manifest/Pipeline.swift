/// One declared pipeline: logs from a source account to the data lake and the dashboards over it.
package struct Pipeline: Sendable {
    /// Unique within the project; part of every resource name the pipeline owns.
    package var name: String
    package var description: String
    package var source: SourceStage
    package var delivery: DeliveryStage
    /// Absent when the processor runs in the source account itself.
    package var replication: ReplicationStage?
    package var processor: ProcessorStage
    package var catalog: CatalogStage
    package var athena: AthenaSettings
    package var views: [View]
    package var datasets: [Dataset]
    package var dashboards: [Dashboard]
    /// Required when the pipeline declares datasets or dashboards.
    package var quickSight: QuickSightSettings?
    /// Who the pipeline's alarms notify, and their thresholds; `alerts: none` has no alarms.
    package var alerts: AlertsStage
    /// The traffic the cost estimate assumes; every figure has a default.
    package var volume: VolumeStage
    package var origin: Origin

    package init(
        name: String, description: String = "", source: SourceStage, delivery: DeliveryStage,
        replication: ReplicationStage? = nil, processor: ProcessorStage, catalog: CatalogStage,
        athena: AthenaSettings? = nil, views: [View] = [], datasets: [Dataset] = [], dashboards: [Dashboard] = [],
        quickSight: QuickSightSettings? = nil, alerts: AlertsStage? = nil, volume: VolumeStage? = nil,
        origin: Origin
    ) {
        self.name = name
        self.description = description
        self.source = source
        self.delivery = delivery
        self.replication = replication
        self.processor = processor
        self.catalog = catalog
        self.athena = athena ?? AthenaSettings(origin: origin)
        self.views = views
        self.datasets = datasets
        self.dashboards = dashboards
        self.quickSight = quickSight
        self.alerts = alerts ?? AlertsStage(declaration: .absent, origin: origin)
        self.volume = volume ?? VolumeStage(origin: origin)
        self.origin = origin
    }

    /// The account where the processor, lake and catalog live: the replication target, or the source account.
    package var analyticsAccount: String { replication?.account ?? source.account }
}

extension Pipeline {
    /// The manifest's sections, each decoded by its stage's type, or nil with every problem reported to the top
    /// reader's file.
    /// - Parameter readFile: reads a file named in the manifest (a view's `sql_file`), relative to the manifest, or
    ///   says why it may not be read.
    init?(from top: MappingReader, readFile: (String) -> Result<String, DeclarationFiles.Refusal>) {
        let file = top.file
        let name = top.requiredString("name")
        let description = top.string("description", default: "")
        let source = top.mapping("source", required: true).flatMap(SourceStage.init(from:))
        let delivery =
            top.mapping("delivery", required: false).map(DeliveryStage.init(from:)) ?? DeliveryStage(origin: top.origin)
        let replication = top.mapping("replication", required: false).flatMap(ReplicationStage.init(from:))
        let processor = top.mapping("processor", required: true).flatMap(ProcessorStage.init(from:))
        let catalog = top.mapping("catalog", required: true).flatMap(CatalogStage.init(from:))
        let athena = top.mapping("athena", required: false).map(AthenaSettings.init(from:))
        let views = top.list("views").compactMap { View(from: $0.node, path: $0.path, in: file, readFile: readFile) }
        let datasets = top.list("datasets").compactMap { Dataset(from: $0.node, path: $0.path, in: file) }
        let dashboards = top.list("dashboards").compactMap { Dashboard(from: $0.node, path: $0.path, in: file) }
        let quickSight = top.mapping("quicksight", required: false).flatMap(QuickSightSettings.init(from:))
        let alerts = AlertsStage(section: top.value("alerts"), in: top)
        let volume = top.mapping("volume", required: false).map(VolumeStage.init(from:))
        top.finish()

        guard let name, let source, let processor, let catalog else { return nil }
        self.init(
            name: name, description: description, source: source, delivery: delivery, replication: replication,
            processor: processor, catalog: catalog, athena: athena, views: views, datasets: datasets,
            dashboards: dashboards, quickSight: quickSight, alerts: alerts, volume: volume, origin: top.origin)
    }
}
