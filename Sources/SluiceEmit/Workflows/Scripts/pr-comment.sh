#!/usr/bin/env bash
# sluice-pr.yml, job comment, step "Create or update the comment": keeps one comment, marked
# WorkflowEmitter.commentMarker, with the cost estimate's summary and the plan summaries. Environment: STACKS,
# the stacks in apply order, space-separated; PR_NUMBER; HEAD_SHA; GH_TOKEN.
set -eo pipefail
# sluice:run
# shellcheck source=fit-body.sh
source "${BASH_SOURCE[0]%/*}/fit-body.sh"
marker='<!-- sluice-plan -->'
body="$RUNNER_TEMP/sluice-plan.md"
{
  echo "$marker"
  echo "## Sluice plan"
  echo
  # The cost section first, so that fit never cuts it: the summary of plans/cost.md (what precedes
  # CostMarkdown.detailsMarker), which sluice keeps within CostMarkdown.summaryBudget bytes; cut there should it
  # not. The details stay in the plan-cost artifact.
  if [[ -f plans/cost.md ]]; then
    sed '/^<!-- sluice-cost-details -->$/,$d' plans/cost.md >"$body.cost"
    # iconv -c drops a character cut in two, and then exits 1.
    head -c 8000 "$body.cost" | iconv -c -f UTF-8 -t UTF-8 || true
  else
    printf '### Cost estimate\n\nNo estimate: the check job wrote none, see %s\n' "$run_url"
  fi
  echo
  read -ra stack_names <<<"$STACKS"
  for stack in "${stack_names[@]}"; do
    if [[ -f "plans/$stack.md" ]]; then
      cat "plans/$stack.md"
    else
      printf '### %s\n\nNo plan: planning this stack failed, see %s\n' "$stack" "$run_url"
    fi
    echo
  done
  printf '<sub>Commit %s, [workflow run](%s).</sub>\n' "$HEAD_SHA" "$run_url"
} >"$body"
fit "$body"

comments="repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments"
comment_id="$(gh api --paginate "$comments" \
  --jq '.[] | select(.user.login == "github-actions[bot]" and (.body | contains("<!-- sluice-plan -->"))) | .id')"
comment_id="${comment_id%%$'\n'*}"
if [[ -n "$comment_id" ]]; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$comment_id" -F "body=@$body" >/dev/null
  echo "updated comment $comment_id"
else
  gh api --method POST "$comments" -F "body=@$body" >/dev/null
  echo "created the plan comment"
fi
