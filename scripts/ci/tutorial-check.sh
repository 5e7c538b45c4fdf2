#!/usr/bin/env bash
# Runs every ```sh block of docs/tutorial.md, in order, from the repository root, so the
# tutorial cannot drift from the tool. Fails on the first failing command.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf /tmp/advsim-tutorial
script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
    echo 'set -euo pipefail'
    awk '/^```sh$/ {inside=1; next} /^```$/ {inside=0; next} inside {print}' docs/tutorial.md
} > "$script"
bash "$script"
rm -rf /tmp/advsim-tutorial
echo "ok: every command of docs/tutorial.md ran"
