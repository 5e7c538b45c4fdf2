"""Writes notebooks-export/cascade.ipynb (cells without outputs). Run from the repository root
with a Python that has nbformat; `make notebooks` executes and exports it."""
import nbformat as nbf
nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
nb.cells = [
md("""# A liquidation cascade, step by step, and what a defence changes

Reads advsim's CSV output with pandas. `make notebooks` runs the tool first and points this
notebook at the fresh output through environment variables:

- `ADVSIM_CASCADE_DIR` — `advsim run liquidation-cascade` (ETH −50 % in 2 h; a spot oracle on
  one thin pool; capped liquidators; congested blocks);
- `ADVSIM_CASCADE_DEFENDED_DIR` — `advsim run liquidation-cascade-defended` (a 5-minute TWAP of
  a pool ten times deeper), same seed.

timeseries.csv has one row per block (prices after the block, the market's totals), and
liquidations.csv one row per executed liquidation; runs.csv has the run's totals. Column
meanings are in docs/output-format.md."""),
code("""import os
import pandas as pd
import matplotlib.pyplot as plt

runs_dirs = {
    "spot oracle, thin pool": os.environ.get("ADVSIM_CASCADE_DIR", "../results/notebooks/cascade"),
    "5-min TWAP, deep pool": os.environ.get("ADVSIM_CASCADE_DEFENDED_DIR", "../results/notebooks/cascade-defended"),
}
ts = {name: pd.read_csv(os.path.join(d, "timeseries.csv")) for name, d in runs_dirs.items()}
liquidations = {name: pd.read_csv(os.path.join(d, "liquidations.csv")) for name, d in runs_dirs.items()}
runs = pd.concat({name: pd.read_csv(os.path.join(d, "runs.csv")) for name, d in runs_dirs.items()}).droplevel(1)
undefended, defended = runs_dirs"""),
md("""## Reference price against the oracle the market reads

The reference (the "true" market) falls 50 % over two hours. The spot oracle of the thin pool
overshoots it: liquidators sell the seized ETH into the same pool, which pushes the oracle
further down and makes more positions liquidatable — the cascade. The TWAP of the deep pool
follows the reference a few minutes behind."""),
code("""fig, (top, middle, bottom) = plt.subplots(3, 1, figsize=(11, 9), sharex=True)
spot, twap = ts[undefended], ts[defended]
top.plot(spot["time"] / 60, spot["price_eth"], color="black", label="reference ETH (USD)")
top.plot(spot["time"] / 60, spot["oracle_eth_price"], label=f"oracle: {undefended}")
top.plot(twap["time"] / 60, twap["oracle_eth_twap"], label=f"oracle: {defended}")
top.set_ylabel("USD per ETH"); top.legend()
for name, rows in liquidations.items():
    per_block = rows.groupby(rows["time"] // 300 * 5)["repaid"].sum()
    middle.bar(per_block.index + (0 if name == undefended else 2.5), per_block.values, width=2.5, label=name)
middle.set_ylabel("debt repaid by liquidations\\nper 5 minutes (USDC)"); middle.legend()
for name, rows in ts.items():
    bottom.plot(rows["time"] / 60, rows["market_eth_market_liquidatable"], label=name)
bottom.set_ylabel("accounts below health 1"); bottom.set_xlabel("minutes"); bottom.legend()
plt.tight_layout(); plt.show()"""),
md("""## Rounds of the cascade

A liquidation's `round` counts the chain of liquidation rounds it belongs to: round 2 was made
possible by the price impact of round 1's sales (within the market's `cascade_window`)."""),
code("""rounds = pd.concat({name: rows.groupby("round").agg(liquidations=("repaid", "size"), repaid=("repaid", "sum"),
                                                     mean_price=("price", "mean"))
                    for name, rows in liquidations.items()})
rounds"""),
md("""## Bad debt, liquidations, congestion: the run's totals

`bad_debt` is debt written off because its account had no collateral left; `underwater_debt`
the debt of accounts still holding less collateral than debt at the end, and
`underwater_shortfall` what they lack: their debt less their collateral. Undefended, the
liquidation rush lifts the base gas price past the liquidators' 100 gwei cap (the other users keep
it near their own 50 gwei): their transactions wait, liquidations come too slowly, and positions
are left underwater. The lenders lose `bad_debt + underwater_shortfall` (which of the two a loss
lands in depends on when its account's collateral ran out, so a defence must cut their sum), and
pnl.csv agrees: that is what the suppliers and the insurance fund lose between them (the scenario
has no interest)."""),
code("""table = runs[["liquidations", "liquidated_volume", "cascade_depth", "bad_debt", "underwater_debt",
              "underwater_shortfall", "gas_cost"]].T
losses = runs["bad_debt"] + runs["underwater_shortfall"]
table.loc["lenders' loss"] = losses
assert losses[defended] < losses[undefended], table
for name, d in runs_dirs.items():
    pnl = pd.read_csv(os.path.join(d, "pnl.csv"))
    lenders = -pnl[pnl["party"].isin(["suppliers", "insurance_fund"])]["value"].sum()
    assert abs(lenders - losses[name]) < 1e-6 * max(1.0, lenders), (name, lenders, losses[name])
for name, rows in liquidations.items():
    assert len(rows) == runs.loc[name, "liquidations"], name
table"""),
code("""fig, ax = plt.subplots(figsize=(11, 3))
for name, rows in ts.items():
    ax.plot(rows["time"] / 60, rows["gas_price"], label=name)
ax.set_ylabel("base gas price (gwei)"); ax.set_xlabel("minutes"); ax.legend(); plt.tight_layout(); plt.show()"""),
]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbf.write(nb, "notebooks-export/cascade.ipynb")
