/// EventBridge: each processed object's Object Created event. S3's own events on the default bus, to a rule whose
/// target is in the same account, are free: the line shows the events at $0.
enum TriggerCosts {
    static func lines(_ context: EstimateContext) -> [CostLine] {
        let events = context.flow.objectsPerDay * context.days
        return [
            CostLine(
                stage: .trigger, account: context.analyticsAccount, item: "EventBridge Object Created events",
                quantity: events / 1_000_000, unit: "1M events", priceKey: .eventBridgeEventsPerMillion,
                unitPriceUSD: 0,
                formula: "\(num(events)) events a month; S3's own events on the default bus to a same-account "
                    + "target are free: $0")
        ]
    }
}
