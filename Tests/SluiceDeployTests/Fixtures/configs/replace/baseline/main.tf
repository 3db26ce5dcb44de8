# case "replace", applied first.
resource "aws_s3_bucket" "landing" {
  bucket = "sluice-fixture-landing-v1"
}

resource "aws_s3_bucket_versioning" "landing" {
  bucket = aws_s3_bucket.landing.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_glue_catalog_database" "raw" {
  name = "sluice_fixture_raw_v1"
}

resource "aws_glue_catalog_table" "haproxy_access" {
  name          = "haproxy_access"
  database_name = aws_glue_catalog_database.raw.name
  table_type    = "EXTERNAL_TABLE"
  parameters = {
    classification = "json"
  }
  storage_descriptor {
    location      = "s3://${aws_s3_bucket.landing.bucket}/haproxy/"
    input_format  = "org.apache.hadoop.mapred.TextInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
    ser_de_info {
      serialization_library = "org.openx.data.jsonserde.JsonSerDe"
    }
    columns {
      name = "client_ip"
      type = "string"
    }
    columns {
      name = "status"
      type = "int"
    }
  }
}

resource "aws_glue_catalog_database" "curated" {
  name = "sluice_fixture_curated"
}

resource "aws_glue_catalog_table" "requests" {
  name          = "requests_v1"
  database_name = aws_glue_catalog_database.curated.name
  table_type    = "EXTERNAL_TABLE"
  storage_descriptor {
    location = "s3://${aws_s3_bucket.landing.bucket}/curated/requests/"
    columns {
      name = "request_id"
      type = "string"
    }
  }
}

resource "aws_iam_role" "crawler" {
  name = "sluice-fixture-crawler"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "glue.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_iam_role_policy" "crawler" {
  name = "crawl-landing"
  role = aws_iam_role.crawler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = [aws_s3_bucket.landing.arn, "${aws_s3_bucket.landing.arn}/*"]
    }]
  })
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/sluice/fixture/audit"
  retention_in_days = 90
}
