#!/usr/bin/env bash
# Merge step: apply exactly the plan that was reviewed on the pull request. If the stack changed since that
# preview, `pulumi up --plan` refuses to do anything the plan did not show.
#   ci/deploy.sh <stack> <plan file>
set -euo pipefail
stack="$1"
plan="$2"
pulumi stack select "$stack"
pulumi up --yes --plan "$plan" --parallel "$("$(dirname "$0")/parallelism.sh")"
