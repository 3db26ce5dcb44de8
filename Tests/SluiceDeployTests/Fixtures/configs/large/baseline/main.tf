# case "large", applied first: 4 stages x 300 terraform_data (built in, no provider).
terraform {
  required_version = ">= 1.11"
}

locals {
  # "dt=2026-11-01/hour=00" ... 300 hourly partitions
  hours = [for i in range(300) : format("dt=2026-11-%02d/hour=%02d", floor(i / 24) + 1, i % 24)]
}

module "ingest_firehose_delivery" {
  source = "./modules/stage"
  stage  = "ingest"
  items  = { for h in local.hours : "haproxy-access-logs/${h}" => { revision = 1, generation = 1 } }
}

module "lake_partitions_haproxy" {
  source = "./modules/stage"
  stage  = "store"
  items  = { for h in local.hours : "haproxy_access_parquet/${h}" => { revision = 1, generation = 1 } }
}

module "catalog_views_enriched" {
  source = "./modules/stage"
  stage  = "catalog"
  items  = { for h in local.hours : "requests_enriched_by_geo/${h}" => { revision = 1, generation = 1 } }
}

module "replication_analytics_copy" {
  source = "./modules/stage"
  stage  = "replicate"
  items  = { for h in local.hours : "analytics-account-replica/${h}" => { revision = 1, generation = 1 } }
}
