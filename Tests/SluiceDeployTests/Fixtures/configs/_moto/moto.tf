# Copied by scripts/capture-plan-fixtures.sh next to every case that uses the aws provider:
# hashicorp/aws 5.100 pointed at the local moto server the script starts.
terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

variable "moto_endpoint" {
  type        = string
  description = "http://127.0.0.1:PORT of the moto server (set by the capture script through TF_VAR_moto_endpoint)"
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "test"
  secret_key = "test"

  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = false
  s3_use_path_style           = true
  max_retries                 = 1

  endpoints {
    glue = var.moto_endpoint
    iam  = var.moto_endpoint
    logs = var.moto_endpoint
    s3   = var.moto_endpoint
    sqs  = var.moto_endpoint
    ssm  = var.moto_endpoint
    sts  = var.moto_endpoint
  }

  default_tags {
    tags = {
      project    = "sluice-fixtures"
      managed_by = "terraform"
    }
  }
}
