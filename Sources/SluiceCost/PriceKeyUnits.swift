extension PriceKey {
    /// The unit every region's figure for this key is in: the cost model multiplies quantities in this unit, so a
    /// table whose figure says another unit is wrong, not merely differently written (`PriceTableTests` checks it).
    package var unit: String {
        switch self {
        case .logsIngestionPerGB, .firehoseIngestionPerGB, .firehoseFormatConversionPerGB,
            .s3ReplicationTimeControlPerGB:
            return "USD/GB"
        case .logsStoragePerGBMonth, .s3StandardPerGBMonth, .quickSightSPICEPerGBMonth: return "USD/GB-month"
        case .firehoseRecordIncrementKB: return "KB"
        case .s3PutPer1000, .s3GetPer1000: return "USD/1000 requests"
        case .s3LifecycleExpirationPer1000: return "USD/1000 objects"
        case .eventBridgeEventsPerMillion: return "USD/million events"
        case .lambdaRequestsPerMillion, .sqsRequestsPerMillion, .glueCatalogRequestsPerMillion:
            return "USD/million requests"
        case .lambdaGBSecondX86, .lambdaGBSecondArm: return "USD/GB-second"
        case .athenaPerTBScanned: return "USD/TB"
        case .athenaMinimumMBPerQuery: return "MB"
        case .glueCrawlerPerDPUHour: return "USD/DPU-hour"
        case .glueCrawlerMinimumMinutes: return "minutes"
        case .glueCrawlerDPUs: return "DPUs"
        case .glueCatalogPer100kObjects: return "USD/100000 objects-month"
        case .quickSightAuthorPerMonth, .quickSightReaderPerMonth: return "USD/user-month"
        }
    }

    /// True for a figure AWS documents as free (0 is its right value); every other figure is above 0.
    package var isDocumentedFree: Bool { self == .s3LifecycleExpirationPer1000 }
}
