# case "drift": applied, then changed out of band by ../drift.py, then planned with this same config.
resource "aws_sqs_queue" "dead_letter" {
  name                      = "sluice-fixture-dead-letter"
  message_retention_seconds = 1209600
}

resource "aws_s3_bucket" "lake" {
  bucket = "sluice-fixture-lake"
  tags = {
    stage = "store"
  }
}

resource "aws_cloudwatch_log_group" "processor" {
  name              = "/aws/lambda/sluice-fixture-processor"
  retention_in_days = 14
}

resource "aws_cloudwatch_log_group" "scratch" {
  name              = "/sluice/fixture/scratch"
  retention_in_days = 1
}
