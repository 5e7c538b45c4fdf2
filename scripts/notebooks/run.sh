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
"$ADVSIM" run bzx-oracle-2020 --out "$OUT/bzx2" >/dev/null
"$ADVSIM" batch twap-manipulation -n 16 --seed 1 --quiet --sweep agents.attacker.bundle_share=0,0.5,0.8,1 \
    --set 'agents.arbitrageurs={count: 1, capital: {ETH: 10000, TOK: 1000000}}' --set 'agents.attacker.capital={ETH: 3000}' \
    --out "$OUT/twap"
"$ADVSIM" frontier spot-oracle-borrow -n 2 --defence pools.tok_eth.reserve0=lin:20000:200000:4 --bisect 8 --quiet \
    --out "$OUT/frontier" >/dev/null
"$ADVSIM" run liquidation-cascade --seed 1 --out "$OUT/cascade" >/dev/null
"$ADVSIM" run liquidation-cascade-defended --seed 1 --out "$OUT/cascade-defended" >/dev/null
"$ADVSIM" batch spot-oracle-borrow -n 2 --seed 1 --quiet --sweep pools.tok_eth.reserve0=lin:20000:200000:10 \
    --sweep lending_markets.lender.assets.TOK.collateral_factor=lin:0.3:0.8:6 --out "$OUT/sweep"
export ADVSIM_RUN_DIR=$PWD/$OUT/run ADVSIM_BATCH_DIR=$PWD/$OUT/batch
export ADVSIM_CASCADE_DIR=$PWD/$OUT/cascade ADVSIM_CASCADE_DEFENDED_DIR=$PWD/$OUT/cascade-defended ADVSIM_SWEEP_DIR=$PWD/$OUT/sweep
export ADVSIM_BZX2_DIR=$PWD/$OUT/bzx2 ADVSIM_TWAP_BATCH_DIR=$PWD/$OUT/twap ADVSIM_FRONTIER_DIR=$PWD/$OUT/frontier
for notebook in notebooks-export/*.ipynb; do
    "$VENV/bin/python" scripts/notebooks/execute.py "$notebook"
    echo "ok: executed $notebook → ${notebook%.ipynb}.html"
done
