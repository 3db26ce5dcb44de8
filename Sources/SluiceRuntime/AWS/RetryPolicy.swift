import Foundation

/// When and how long to wait before sending a request again: on throttling, on 5xx and on broken connections,
/// up to `maxAttempts` sends, sleeping a random time up to an exponentially growing ceiling ("full jitter"), so
/// many processors throttled at once do not come back in step.
package struct RetryPolicy: Sendable {
    /// Sends in all, the first included.
    package var maxAttempts: Int
    /// The ceiling of the first wait, in seconds; it doubles with each retry.
    package var baseDelay: Double
    /// The largest ceiling, in seconds.
    package var maxDelay: Double

    package init(maxAttempts: Int = 5, baseDelay: Double = 0.1, maxDelay: Double = 20) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The default policy, with `AWS_MAX_ATTEMPTS` (the SDKs' variable) when it is set to a positive number.
    package static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> RetryPolicy
    {
        guard let text = environment["AWS_MAX_ATTEMPTS"], let attempts = Int(text), attempts > 0 else {
            return RetryPolicy()
        }
        return RetryPolicy(maxAttempts: attempts)
    }

    /// Error codes that mean "slow down" (or "try again") whatever their HTTP status: S3's, Athena's, SQS's
    /// (`RequestThrottled`, its JSON `ThrottlingException`, and the query code its JSON answers repeat),
    /// CloudWatch's `Throttling`, Lambda's `TooManyRequestsException` and its short-lived capacity errors.
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException", "SlowDown",
        "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
        "ProvisionedThroughputExceededException",
        "RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailable",
        "AWS.SimpleQueueService.RequestThrottled", "KmsThrottled", "KMSThrottlingException",
        "EC2ThrottledException", "ResourceConflictException", "ServiceUnavailableException",
        "InternalFailure", "InternalServiceError",
    ]

    /// Whether an error answer is worth sending again.
    package func isRetryable(_ error: AWSServiceError) -> Bool {
        error.status >= 500 || error.status == 429 || error.code.map(Self.throttlingCodes.contains) == true
            || error.queryErrorCode.map(Self.throttlingCodes.contains) == true
    }

    /// The wait before retry number `retry` (1 for the first retry).
    package func delay(beforeRetry retry: Int) -> Double {
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(retry - 1)))
        return Double.random(in: 0...max(ceiling, 0))
    }
}
