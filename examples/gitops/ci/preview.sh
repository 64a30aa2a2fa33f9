#!/usr/bin/env bash
# Pull request step: preview the change and save the plan a reviewer approves.
#   ci/preview.sh <stack> <plan file>
# A preview that would start a retraining fails here unless the change itself allows it (allowRetrain: true on the
# model; the stack sets cohere:allowRetrain: false), so a paid training is always an explicit, reviewed decision.
set -euo pipefail
stack="$1"
plan="$2"
pulumi stack select --create "$stack"
pulumi preview --diff --save-plan "$plan" --parallel "$("$(dirname "$0")/parallelism.sh")"
