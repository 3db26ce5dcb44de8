# case "delete", applied first.
resource "aws_s3_bucket" "staging" {
  bucket = "sluice-fixture-staging"
}

resource "aws_s3_bucket_versioning" "staging" {
  bucket = aws_s3_bucket.staging.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_sqs_queue" "retry" {
  name = "sluice-fixture-retry"
}

resource "aws_s3_bucket" "archive" {
  bucket = "sluice-fixture-archive"
}

resource "aws_cloudwatch_log_group" "legacy" {
  name              = "/sluice/fixture/legacy"
  retention_in_days = 7
}
