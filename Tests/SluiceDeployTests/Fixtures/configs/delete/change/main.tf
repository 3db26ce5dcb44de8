# case "delete", planned: the staging bucket (with its versioning) and the retry queue are no longer
# declared (delete_because_no_resource_config); the legacy log group is let go without being destroyed
# (a removed block: action "forget"); the archive bucket stays (no-op).
resource "aws_s3_bucket" "archive" {
  bucket = "sluice-fixture-archive"
}

removed {
  from = aws_cloudwatch_log_group.legacy
  lifecycle {
    destroy = false
  }
}
