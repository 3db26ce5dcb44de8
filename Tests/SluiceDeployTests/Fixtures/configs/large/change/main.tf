# case "large", planned: 1,500 resource changes (1,350 terraform_data declared, 150 no longer declared),
# 950 of them changing, the rest no-op:
#   ingest_firehose_delivery     300 updated in place (input.revision 1 -> 2)
#   lake_partitions_haproxy      200 replaced (triggers_replace), 100 unchanged
#   catalog_views_enriched       150 deleted (no longer declared), 150 unchanged
#   replication_analytics_copy   300 unchanged, 300 created
terraform {
  required_version = ">= 1.11"
}

locals {
  hours     = [for i in range(300) : format("dt=2026-11-%02d/hour=%02d", floor(i / 24) + 1, i % 24)]
  hours_600 = [for i in range(600) : format("dt=2026-11-%02d/hour=%02d", floor(i / 24) + 1, i % 24)]
}

module "ingest_firehose_delivery" {
  source = "./modules/stage"
  stage  = "ingest"
  items  = { for h in local.hours : "haproxy-access-logs/${h}" => { revision = 2, generation = 1 } }
}

module "lake_partitions_haproxy" {
  source = "./modules/stage"
  stage  = "store"
  items  = { for i, h in local.hours : "haproxy_access_parquet/${h}" => { revision = 1, generation = i < 200 ? 2 : 1 } }
}

module "catalog_views_enriched" {
  source = "./modules/stage"
  stage  = "catalog"
  items  = { for i, h in local.hours : "requests_enriched_by_geo/${h}" => { revision = 1, generation = 1 } if i >= 150 }
}

module "replication_analytics_copy" {
  source = "./modules/stage"
  stage  = "replicate"
  items  = { for h in local.hours_600 : "analytics-account-replica/${h}" => { revision = 1, generation = 1 } }
}
