#!/usr/bin/env bash
# sluice-pr.yml, job comment, step "Create or update the comment": keeps one comment, marked
# WorkflowEmitter.commentMarker, with the plan summaries. Environment: STACKS, the stacks in apply order,
# space-separated; PR_NUMBER; HEAD_SHA; GH_TOKEN.
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
