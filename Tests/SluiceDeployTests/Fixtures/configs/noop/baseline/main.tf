# case "noop": applied, then planned again with the same config: nothing to do.
resource "aws_s3_bucket" "raw" {
  bucket = "sluice-fixture-raw-logs"
}

resource "aws_s3_bucket_versioning" "raw" {
  bucket = aws_s3_bucket.raw.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_iam_role" "processor" {
  name = "sluice-fixture-processor"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_cloudwatch_log_group" "processor" {
  name              = "/aws/lambda/sluice-fixture-processor"
  retention_in_days = 14
}

output "raw_bucket_arn" {
  value = aws_s3_bucket.raw.arn
}
