"""Writes notebooks-export/sweep-heatmap.ipynb (cells without outputs). Run from the repository
root with a Python that has nbformat; `make notebooks` executes and exports it."""
import nbformat as nbf
nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
nb.cells = [
md("""# A two-parameter sweep as a heat map

Reads advsim's CSV output with pandas. `make notebooks` runs the tool first and points this
notebook at the fresh output through `ADVSIM_SWEEP_DIR`: a folder written by

    advsim batch spot-oracle-borrow -n 2 --seed 1 \\
        --sweep pools.tok_eth.reserve0=lin:20000:200000:10 \\
        --sweep lending_markets.lender.assets.TOK.collateral_factor=lin:0.3:0.8:6

— the textbook spot-oracle loan (docs/attacks.md) at every pair of pool depth and collateral
factor, with the attacker's purchase fixed at its flash loan's 1,000 ETH. summary.csv has one row per sweep point and metric, with the swept
values in its `param_*` columns."""),
code("""import os
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt

sweep_dir = os.environ.get("ADVSIM_SWEEP_DIR", "../results/notebooks/sweep")
summary = pd.read_csv(os.path.join(sweep_dir, "summary.csv"))
depth, cf = "param_pools_tok_eth_reserve0", "param_lending_markets_lender_assets_TOK_collateral_factor"
net = summary[summary["metric"] == "attack_net_profit"].copy()
net["depth_eth"] = net[depth] / 100  # 0.01 ETH per TOK
grid = net.pivot_table(index=cf, columns="depth_eth", values="mean")
grid"""),
md("""## The heat map, with the closed-form break-even line

Buying with a ETH in a fee-less pool of x ETH and borrowing cf of the pushed value pays
a·(cf·(x + a)/x − 1): the attack stops paying at x = cf·a/(1 − cf). Beyond that line the borrow
cannot repay the flash loan, so the transaction reverts and costs only gas (0 gwei here): the
simulated means must equal max(0, the closed form)."""),
code("""a = 1000.0
x = grid.columns.to_numpy()[None, :]
c = grid.index.to_numpy()[:, None]
closed = np.maximum(a * (c * (x + a) / x - 1), 0)
assert np.allclose(grid.to_numpy(), closed, rtol=1e-9, atol=1e-6), grid.to_numpy() - closed
fig, ax = plt.subplots(figsize=(9, 4.5))
limit = grid.to_numpy().max()
mesh = ax.pcolormesh(grid.columns, grid.index, grid.to_numpy(), cmap="Reds", vmin=0, vmax=limit, shading="nearest")
fig.colorbar(mesh, label="mean attack net profit (ETH)")
cfs = np.linspace(grid.index.min(), grid.index.max(), 100)
ax.plot(cfs * a / (1 - cfs), cfs, color="black", label="break-even x = cf·a/(1 − cf)")
ax.set_xlim(grid.columns.min() - 100, grid.columns.max() + 100)
ax.set_xlabel("pool depth (ETH)"); ax.set_ylabel("collateral factor"); ax.legend(loc="upper left")
plt.tight_layout(); plt.show()"""),
md("""## Every point at a glance

Besides the mean, summary.csv carries the 95 % confidence interval, quantiles and, for each
point, the paired difference against sweep point 0 (`diff_*`; common random numbers). This
scenario has no randomness, so the interval collapses onto the mean."""),
code("""points = net.set_index([cf, "depth_eth"])[["mean", "ci95_low", "ci95_high", "p_positive", "diff_mean"]]
assert (points["ci95_high"] - points["ci95_low"]).abs().max() < 1e-9
points.unstack(0)["mean"].round(1)"""),
]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbf.write(nb, "notebooks-export/sweep-heatmap.ipynb")
