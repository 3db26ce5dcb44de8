# case "update", applied first.
resource "aws_s3_bucket" "raw" {
  bucket = "sluice-fixture-raw-logs"
  tags = {
    stage = "ingest"
    owner = "data-eng"
  }
}

resource "aws_sqs_queue" "object_events" {
  name                      = "sluice-fixture-object-events"
  message_retention_seconds = 345600
}

resource "aws_cloudwatch_log_group" "processor" {
  name              = "/aws/lambda/sluice-fixture-processor"
  retention_in_days = 14
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/sluice/fixture/audit"
  retention_in_days = 90
}
