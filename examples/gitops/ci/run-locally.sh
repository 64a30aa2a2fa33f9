#!/usr/bin/env bash
# The workflow's steps on this machine, against the Cohere emulator: what a pull request's preview and its merge
# would do in CI, with state in .pulumi-local/ and no account anywhere.
#   ci/run-locally.sh [stack]      (default: prod)
# Uses the emulator at CO_API_URL when set (with CO_API_KEY), else starts one from this repository.
set -euo pipefail
cd "$(dirname "$0")/.."
stack="${1:-prod}"
state="$PWD/.pulumi-local"
mkdir -p "$state/backend"
export PULUMI_BACKEND_URL="file://$state/backend"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-local-gitops}"
export PULUMI_SKIP_UPDATE_CHECK=true

if [ -z "${CO_API_URL:-}" ]; then
  export CO_API_KEY=local-gitops-key
  log="$state/emulator.log"
  npm --prefix ../.. run -s emulator -- --port 0 --api-key "$CO_API_KEY" --training-ms 3000 --quiet >"$log" 2>&1 &
  emulator=$!
  trap 'kill "$emulator" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    CO_API_URL="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" || true)"
    [ -n "$CO_API_URL" ] && break
    sleep 0.2
  done
  [ -n "$CO_API_URL" ] || { echo "the emulator did not start; see $log" >&2; exit 1; }
  export CO_API_URL
fi

echo "== pull request: preview and save the plan"
ci/preview.sh "$stack" "$state/plan.json"
echo "== merge: apply the reviewed plan"
ci/deploy.sh "$stack" "$state/plan.json"
