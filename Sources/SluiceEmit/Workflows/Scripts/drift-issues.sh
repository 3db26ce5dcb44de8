#!/usr/bin/env bash
# sluice-drift.yml, job report, step "One issue per drifting stack": opens, updates or closes the issue
# "Drift in stack <stack>" of each stack. Environment: STACKS, the stacks, space-separated; GH_TOKEN; GH_REPO.
set -eo pipefail
# sluice:run
# shellcheck source=fit-body.sh
source "${BASH_SOURCE[0]%/*}/fit-body.sh"
read -ra stack_names <<<"$STACKS"
for stack in "${stack_names[@]}"; do
  title="Drift in stack $stack"
  number="$(gh issue list --state open --limit 200 --json number,title |
    jq -r --arg title "$title" 'map(select(.title == $title)) | first | .number // empty')"
  case "$(cat "drift/$stack.status" 2>/dev/null || echo unknown)" in
    drift)
      body="$RUNNER_TEMP/drift-$stack.md"
      {
        printf 'The daily plan of stack **%s** has changes: the deployed resources differ\n' "$stack"
        printf 'from the declarations. Apply from main, or change pipelines/ to match.\n'
        printf '[Workflow run](%s).\n\n' "$run_url"
        cat "drift/$stack.md"
      } >"$body"
      fit "$body"
      if [[ -n "$number" ]]; then
        gh issue edit "$number" --body-file "$body" >/dev/null
        echo "$stack: drift, updated issue #$number"
      else
        gh issue create --title "$title" --body-file "$body"
      fi
      ;;
    clean)
      if [[ -n "$number" ]]; then
        gh issue close "$number" --comment "No drift in stack $stack any more ($run_url)."
      fi
      echo "$stack: no drift"
      ;;
    *)
      echo "::warning::no drift result for stack $stack: its plan failed, see the job's log"
      ;;
  esac
done
