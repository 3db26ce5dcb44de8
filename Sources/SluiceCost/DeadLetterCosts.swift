/// The processor's dead-letter queue: only failed deliveries reach it, and the estimate assumes none.
enum DeadLetterCosts {
    static func lines(_ context: EstimateContext) -> [CostLine] {
        [
            context.analyticsLine(
                .deadLetters, "SQS dead-letter queue", quantity: 0, unit: "1M requests", .sqsRequestsPerMillion,
                formula: "only failed deliveries reach it; none assumed: $0")
        ]
    }
}
