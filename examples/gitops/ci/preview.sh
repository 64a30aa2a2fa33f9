#!/usr/bin/env bash
# Pull request step: preview the change and save the plan a reviewer approves.
#   ci/preview.sh <stack> <plan file>
# A preview that would start a retraining fails here unless the change itself allows it (allowRetrain: true on the
# model; the stack sets cohere:allowRetrain: false), so a paid training is always an explicit, reviewed decision.
# With POLICY_PACK set to a policy pack directory (`npm run policy-pack -- --out <dir>` in the provider's
# repository), the preview also runs it, configured by policy-config.json.
set -euo pipefail
stack="$1"
plan="$2"
policy_flags=()
if [ -n "${POLICY_PACK:-}" ]; then
  policy_flags=(--policy-pack "$POLICY_PACK" --policy-pack-config "$(dirname "$0")/../policy-config.json")
fi
pulumi stack select --create "$stack"
# ${a[@]+...}: an empty array under `set -u` in the bash 3.2 that macOS ships.
pulumi preview --diff --save-plan "$plan" --parallel "$("$(dirname "$0")/parallelism.sh")" \
  ${policy_flags[@]+"${policy_flags[@]}"}
