#!/usr/bin/env bash
# `make notebooks`: runs advsim to produce fresh output, executes every notebook in
# notebooks-export/ headless against it (nbclient, in a local virtual environment from PyPI),
# and exports each as HTML next to it. A notebook that fails — e.g. because a column was
# renamed — fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
ADVSIM=${1:-.build/release/advsim}
VENV=.venv-notebooks
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r scripts/notebooks/requirements.txt
fi
OUT=results/notebooks
rm -rf "$OUT"
"$ADVSIM" run amm-arbitrage --seed 1 --out "$OUT/run" >/dev/null
"$ADVSIM" batch amm-arbitrage -n 24 --seed 1 --set duration=12h --sweep pools.eth_usdc.fee=0.001,0.003,0.01 \
    --quiet --out "$OUT/batch"
export ADVSIM_RUN_DIR=$PWD/$OUT/run ADVSIM_BATCH_DIR=$PWD/$OUT/batch
for notebook in notebooks-export/*.ipynb; do
    "$VENV/bin/python" scripts/notebooks/execute.py "$notebook"
    echo "ok: executed $notebook → ${notebook%.ipynb}.html"
done
