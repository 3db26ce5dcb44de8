# One "stage" of the large case: a terraform_data per item, keyed by a long partition-like name.
variable "stage" {
  type = string
}

variable "items" {
  description = "name => revision (in-place change of input) and generation (triggers_replace: replacement)"
  type = map(object({
    revision   = number
    generation = number
  }))
}

resource "terraform_data" "partition" {
  for_each = var.items

  # Kept small: terraform_data repeats input as output, and each resource appears in prior_state,
  # planned_values and resource_changes (before and after), so this is what sets the plan's size.
  input = {
    stage    = var.stage
    revision = each.value.revision
  }

  triggers_replace = {
    generation = each.value.generation
  }
}

output "count" {
  value = length(terraform_data.partition)
}
