#!/usr/bin/env bash
# Prints the `--parallel` for an update of the selected stack: one slot per model it declares, and 16 more for its
# datasets and anything else. Each training holds one of the engine's slots until its model is READY, hours later,
# so with Pulumi's default (4 per CPU: 8 on a 2-vCPU runner) a larger fleet would train in waves, past the job's
# time limit.
set -euo pipefail
models=$(pulumi config get --path models 2>/dev/null || echo "{}")
count=$(node -e 'console.log(Object.keys(JSON.parse(process.argv[1]) || {}).length)' "$models")
echo $((count + 16))
