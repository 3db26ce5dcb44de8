/// The words sample directories are made of: real integrations a SaaS product connects to, and company names
/// assembled from two lists.
enum SampleNames {
    /// Integration names with their vendors, in id order: `int-0001` is the first.
    static let integrations: [(name: String, vendor: String)] = [
        ("GitHub", "GitHub"), ("GitLab", "GitLab"), ("Bitbucket", "Atlassian"), ("Jira", "Atlassian"),
        ("Confluence", "Atlassian"), ("Slack", "Salesforce"), ("Microsoft Teams", "Microsoft"),
        ("Outlook Calendar", "Microsoft"), ("OneDrive", "Microsoft"), ("Google Drive", "Google"),
        ("Google Calendar", "Google"), ("Gmail", "Google"), ("BigQuery", "Google"), ("Salesforce CRM", "Salesforce"),
        ("HubSpot", "HubSpot"), ("Zendesk", "Zendesk"), ("Intercom", "Intercom"), ("PagerDuty", "PagerDuty"),
        ("Opsgenie", "Atlassian"), ("Datadog", "Datadog"), ("New Relic", "New Relic"), ("Sentry", "Sentry"),
        ("Stripe", "Stripe"), ("PayPal", "PayPal"), ("Shopify", "Shopify"), ("Zoom", "Zoom"), ("Dropbox", "Dropbox"),
        ("Box", "Box"), ("Notion", "Notion"), ("Asana", "Asana"), ("Trello", "Atlassian"), ("Linear", "Linear"),
        ("Okta", "Okta"), ("Auth0", "Okta"), ("Twilio", "Twilio"), ("SendGrid", "Twilio"), ("Mailchimp", "Intuit"),
        ("QuickBooks", "Intuit"), ("Snowflake", "Snowflake"), ("Amazon S3", "Amazon Web Services"),
    ]

    /// The integration numbered `number` (from 1); past the list, custom connectors.
    static func integration(_ number: Int) -> (name: String, vendor: String) {
        number <= integrations.count ? integrations[number - 1] : ("Custom connector \(number)", "Custom")
    }

    static let companyFirst = [
        "Acme", "Northwind", "Blue Harbor", "Silverline", "Granite", "Redwood", "Lumen", "Bright Path", "Copperleaf",
        "Evergreen", "Ironbridge", "Juniper", "Keystone", "Larkspur", "Meridian", "Nimbus", "Oakridge", "Pinecrest",
        "Quarry", "Riverbend", "Summit", "Tidewater", "Upland", "Vantage", "Westfield", "Yellowstone", "Zephyr",
        "Atlas", "Beacon", "Cobalt",
    ]

    static let companySecond = [
        "Labs", "Systems", "Analytics", "Logistics", "Health", "Media", "Foods", "Retail", "Capital", "Energy",
        "Robotics", "Studios", "Software", "Travel", "Insurance", "Bank", "Networks", "Partners", "Group", "Works",
    ]
}
