# case "sensitive", applied first. Every secret here is fake.
variable "owner_token" {
  type      = string
  sensitive = true
  default   = "fake-owner-token-0001"
}

resource "aws_ssm_parameter" "db_password" {
  name  = "/sluice/fixture/db-password"
  type  = "SecureString"
  value = "fake-db-password-v1"
}

resource "aws_ssm_parameter" "endpoint" {
  name = "/sluice/fixture/endpoint"
  type = "String"
  # insecure_value: a String parameter's value is sensitive in the provider's schema; insecure_value is not.
  insecure_value = "https://enrich.example.invalid/v1"
}

resource "aws_s3_bucket" "enriched" {
  bucket = "sluice-fixture-enriched"
  tags = {
    stage       = "enrich"
    owner_token = var.owner_token
  }
}

output "db_password" {
  value     = aws_ssm_parameter.db_password.value
  sensitive = true
}

output "endpoint" {
  value = aws_ssm_parameter.endpoint.insecure_value
}
