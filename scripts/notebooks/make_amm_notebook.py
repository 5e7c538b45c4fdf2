"""Writes notebooks-export/amm-arbitrage.ipynb (cells without outputs). Run from the repository
root with a Python that has nbformat; `make notebooks` executes and exports it."""
import nbformat as nbf
nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
nb.cells = [
md("""# AMM arbitrage: one story, then a fee sweep

Reads advsim's CSV output with pandas. `make notebooks` runs the tool first and points this
notebook at the fresh output through two environment variables:

- `ADVSIM_RUN_DIR` — a folder written by `advsim run amm-arbitrage` (runs.csv, timeseries.csv, events.csv, manifest.json);
- `ADVSIM_BATCH_DIR` — a folder written by `advsim batch amm-arbitrage --sweep pools.eth_usdc.fee=…` (runs.csv, summary.csv).

Column meanings are in docs/output-format.md."""),
code("""import json, os
import pandas as pd
import matplotlib.pyplot as plt

run_dir = os.environ.get("ADVSIM_RUN_DIR", "../results/notebooks/run")
batch_dir = os.environ.get("ADVSIM_BATCH_DIR", "../results/notebooks/batch")
manifest = json.load(open(os.path.join(run_dir, "manifest.json")))
ts = pd.read_csv(os.path.join(run_dir, "timeseries.csv"))
events = pd.read_csv(os.path.join(run_dir, "events.csv"))
run = pd.read_csv(os.path.join(run_dir, "runs.csv"))
print(manifest["scenario"]["name"], "seed", manifest["seeds"]["scenario"], "numeraire", manifest["numeraire"])
run.T"""),
md("## The story: reference price against the pool price through the shock"),
code("""ts["hours"] = ts["time"] / 3600
ts["deviation"] = ts["pool_eth_usdc_price"] / (ts["price_eth"] / ts["price_usdc"]) - 1
fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), sharex=True)
top.plot(ts["hours"], ts["price_eth"], label="reference ETH (USD)")
top.plot(ts["hours"], ts["pool_eth_usdc_price"], label="pool ETH/USDC", alpha=0.8)
top.set_ylabel("price"); top.legend()
bottom.plot(ts["hours"], 100 * ts["deviation"], color="tab:red")
bottom.axhspan(-0.3, 0.3, color="grey", alpha=0.2, label="±fee band")
bottom.set_ylabel("pool − reference (%)"); bottom.set_xlabel("hours"); bottom.legend()
plt.tight_layout(); plt.show()
assert ts["block"].is_monotonic_increasing and len(ts) == run.loc[0, "blocks"] + 1"""),
md("## Who trades: executed and reverted steps by agent type"),
code("""events["agent_type"] = events["agent"].str.replace(r"-\\d+$", "", regex=True)
table = events.pivot_table(index="agent_type", columns="outcome", values="tx", aggfunc="count", fill_value=0)
table"""),
code("""gas = ts.set_index("hours")["gas_price"].iloc[1:]
ax = gas.plot(figsize=(10, 3), title="base gas price (gwei)")
ax.set_xlabel("hours"); plt.tight_layout(); plt.show()"""),
md("""## A fee sweep: what each party gets

`summary.csv` has one row per sweep point and metric; `diff_*` is the paired difference against
sweep point 0 (the lowest fee): every sweep point saw the same markets (common random numbers),
so the difference is measured without the market's noise."""),
code("""summary = pd.read_csv(os.path.join(batch_dir, "summary.csv"))
runs = pd.read_csv(os.path.join(batch_dir, "runs.csv"))
fee = "param_pools_eth_usdc_fee"
pnl = summary[summary["metric"].isin(["lp_pnl", "arbitrageur_pnl", "noise_trader_pnl"])]
fig, ax = plt.subplots(figsize=(8, 4))
for metric, rows in pnl.groupby("metric"):
    ax.errorbar(rows[fee], rows["mean"], yerr=[rows["mean"] - rows["ci95_low"], rows["ci95_high"] - rows["mean"]],
                marker="o", capsize=4, label=metric)
ax.set_xscale("log"); ax.set_xlabel("pool fee"); ax.set_ylabel("mean P&L (USD), 95 % CI"); ax.axhline(0, color="grey")
ax.legend(); plt.tight_layout(); plt.show()
pnl[["sweep_point", fee, "metric", "mean", "ci95_low", "ci95_high", "diff_mean", "diff_ci95_low", "diff_ci95_high"]]"""),
code("""fig, ax = plt.subplots(figsize=(8, 4))
for value, rows in runs.groupby(fee):
    ax.hist(rows["lp_pnl"], bins=15, alpha=0.5, label=f"fee {value}")
ax.set_xlabel("LP P&L per replication (USD)"); ax.legend(); plt.tight_layout(); plt.show()
# Common random numbers: replication r has the same seed at every sweep point.
assert runs.groupby("replication")["seed"].nunique().max() == 1"""),
]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbf.write(nb, "notebooks-export/amm-arbitrage.ipynb")
