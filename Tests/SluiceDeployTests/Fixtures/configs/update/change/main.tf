# case "update", planned: in-place updates only (a tag, a queue's retention, a log group's retention),
# and one resource moved to a new address with no change (a no-op with previous_address).
resource "aws_s3_bucket" "raw" {
  bucket = "sluice-fixture-raw-logs"
  tags = {
    stage = "ingest"
    owner = "data-platform"
  }
}

resource "aws_sqs_queue" "object_events" {
  name                      = "sluice-fixture-object-events"
  message_retention_seconds = 1209600
}

resource "aws_cloudwatch_log_group" "processor" {
  name              = "/aws/lambda/sluice-fixture-processor"
  retention_in_days = 30
}

moved {
  from = aws_cloudwatch_log_group.audit
  to   = aws_cloudwatch_log_group.access_audit
}

resource "aws_cloudwatch_log_group" "access_audit" {
  name              = "/sluice/fixture/audit"
  retention_in_days = 90
}
