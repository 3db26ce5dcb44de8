# case "create": planned against an empty account, nothing applied first.
resource "aws_s3_bucket" "raw" {
  bucket = "sluice-fixture-raw-logs"
  tags = {
    stage = "ingest"
  }
}

resource "aws_s3_bucket_versioning" "raw" {
  bucket = aws_s3_bucket.raw.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_sqs_queue" "object_events" {
  name                      = "sluice-fixture-object-events"
  message_retention_seconds = 345600
  tags = {
    stage = "process"
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

resource "aws_iam_role_policy" "processor" {
  name = "read-raw-logs"
  role = aws_iam_role.processor.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "${aws_s3_bucket.raw.arn}/*"
      },
      {
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
        Resource = aws_sqs_queue.object_events.arn
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "processor" {
  name              = "/aws/lambda/sluice-fixture-processor"
  retention_in_days = 14
}

output "raw_bucket_arn" {
  value = aws_s3_bucket.raw.arn
}
