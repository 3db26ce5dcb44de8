#!/usr/bin/env bash
# Sourced by pr-comment.sh and drift-issues.sh: defines run_url and `fit FILE`, which cuts a comment or issue
# body to GitHub's limit (WorkflowEmitter.bodyLimit bytes), pointing at the run for the rest.
set -eo pipefail
# sluice:run
run_url="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"
# GitHub refuses a comment or issue body over 65,536 characters: cut it, and point at the run's artifacts.
fit() {
  local file="$1" note
  note="_Cut to fit GitHub's limit: the full summaries are in the artifacts of $run_url._"
  if (($(wc -c <"$file") > 65000)); then
    # Room for the note and the three line breaks printed with it.
    head -c "$((65000 - ${#note} - 3))" "$file" >"$file.cut"
    # A cut through a multi-byte character would leave invalid UTF-8: drop the partial character.
    iconv -c -f UTF-8 -t UTF-8 "$file.cut" >"$file" || true
    printf '\n\n%s\n' "$note" >>"$file"
  fi
}
