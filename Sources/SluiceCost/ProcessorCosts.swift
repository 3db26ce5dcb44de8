import SluiceModel

/// The processor: Lambda requests and GB-seconds, its ranged S3 GETs of each object and its PUTs into the lake.
enum ProcessorCosts {
    /// The memory at which Lambda gives a function one full vCPU; below it, a share of one.
    static let fullVCPUMemoryMB = 1_769.0
    /// Bytes the processor fetches from S3 per GET.
    static let rangeBytes = Double(ObjectTransferSizes.rangeBytes)
    /// The size of every multipart part but the last.
    static let partBytes = Double(ObjectTransferSizes.partBytes)

    static func lines(_ context: EstimateContext) -> [CostLine] {
        let flow = context.flow
        let days = context.days
        let processor = context.pipeline.processor
        let format = processor.output.format
        let invocations = flow.objectsPerDay * days
        let objectMiB = flow.objectBytes / BillingUnits.mebibyte
        let cpuPerMiB = MeasuredConstants.cpuSeconds(perInputMiB: context.pipeline.delivery.mode, format)
        let memory = Double(processor.memoryMB)
        let slowdown = max(1, fullVCPUMemoryMB / memory)
        let seconds = objectMiB * cpuPerMiB * slowdown
        let gbSeconds = invocations * seconds * memory / 1_024
        let key: PriceKey = processor.architecture == .arm64 ? .lambdaGBSecondArm : .lambdaGBSecondX86
        let getsPerObject = (flow.objectBytes / rangeBytes).rounded(.up)
        let gets = invocations * getsPerObject
        let putsPerLakeObject = lakePuts(objectBytes: flow.lakeObjectBytes)
        let puts = invocations * putsPerLakeObject
        return [
            context.analyticsLine(
                .processor, "Lambda requests", quantity: invocations / 1_000_000, unit: "1M requests",
                .lambdaRequestsPerMillion,
                formula: "\(num(flow.objectsPerDay)) objects/day × \(num(days)) days = \(num(invocations)) "
                    + "invocations"),
            context.analyticsLine(
                .processor, "Lambda compute (\(processor.architecture.rawValue))", quantity: gbSeconds,
                unit: "GB-second", key,
                formula: "\(num(invocations)) invocations × (\(num(objectMiB)) MB × \(num(cpuPerMiB)) CPU s/MB "
                    + "× \(num(slowdown)) for \(processor.memoryMB) MB's share of a vCPU = \(num(seconds)) s) × "
                    + "\(num(memory / 1_024)) GB = \(num(gbSeconds)) GB-s"),
            context.analyticsLine(
                .processor, "S3 GETs of the raw objects", quantity: gets / 1_000, unit: "1000 requests",
                .s3GetPer1000,
                formula: "\(num(invocations)) objects × ⌈\(num(objectMiB)) MB / 2 MB ranges⌉ = \(num(gets)) GETs"),
            context.analyticsLine(
                .processor, "S3 PUTs into the lake", quantity: puts / 1_000, unit: "1000 requests", .s3PutPer1000,
                formula: "\(num(invocations)) lake objects × \(num(putsPerLakeObject)) request(s) each (one PUT up to "
                    + "5.06 MB, else create + parts + complete) = \(num(puts)) requests"),
        ]
    }

    /// One PUT for an object that fits one part; a multipart upload (create, its parts, complete) otherwise.
    static func lakePuts(objectBytes: Double) -> Double {
        guard objectBytes > partBytes else { return 1 }
        return (objectBytes / partBytes).rounded(.up) + 2
    }
}
