"""
Reference figures for app/lib/estimates/ppi.ts, written to tests/fixtures/estimates/ppi-mean.json.

It restates, with numpy only, what ppi_py (github.com/aangelopoulos/ppi_py, ppi.py) computes for
`ppi_mean_ci(Y, Yhat, Yhat_unlabeled, alpha=0.05, lam=None)` on one-dimensional data:
  - lam from _calc_lam_glm with inv_hessian = 1 and clip=True:
        num   = 2 * (1/n) * sum((y - mean y) * (yhat - mean yhat))
        denom = 2 * (1 + n/N) * var_ddof1(concat(yhat, yhat_unlabeled))
  - estimate = lam * mean(yhat_unlabeled) + mean(y - lam * yhat)
  - se^2     = std0(lam * yhat_unlabeled)^2 / N + std0(y - lam * yhat)^2 / n
  - interval = estimate -/+ z_{0.975} * se
and `crossppi_mean_ci` (lam = 1, Yhat_unlabeled averaged over the fold models).
Run: python3 bench/reference/ppi_mean.py  (numpy and scipy; no network).
"""
import json
import numpy as np
from scipy.stats import norm

rng = np.random.RandomState(20231101)
cases = []
for n, N, quality in [(60, 4000, 2.5), (200, 20000, 0.8), (40, 1000, 0.0)]:
    y = (rng.rand(n) < 0.3).astype(float)
    yhat = 1 / (1 + np.exp(-(quality * (y - 0.5) * 2 + rng.randn(n))))
    yu_true = (rng.rand(N) < 0.3).astype(float)
    yu = 1 / (1 + np.exp(-(quality * (yu_true - 0.5) * 2 + rng.randn(N))))
    num = 2 * np.mean((y - y.mean()) * (yhat - yhat.mean()))
    denom = 2 * (1 + n / N) * np.var(np.concatenate([yhat, yu]), ddof=1)
    lam = float(np.clip(num / denom, 0, 1))
    est = lam * yu.mean() + np.mean(y - lam * yhat)
    se = np.sqrt(np.std(lam * yu) ** 2 / N + np.std(y - lam * yhat) ** 2 / n)
    z = norm.ppf(0.975)
    # cross-PPI with lam = 1
    cest = yu.mean() + np.mean(y - yhat)
    cse = np.sqrt(np.var(yu) / N + np.var(yhat - y) / n)
    cases.append({
        "labels": y.tolist(), "predictions": yhat.tolist(),
        "unlabelled": {"count": N, "sum": float(yu.sum()), "sumOfSquares": float((yu ** 2).sum())},
        "lambda": lam, "estimate": float(est), "low": float(est - z * se), "high": float(est + z * se),
        "cross": {"estimate": float(cest), "low": float(cest - z * cse), "high": float(cest + z * cse)},
    })
with open("tests/fixtures/estimates/ppi-mean.json", "w") as f:
    json.dump(cases, f)
print("wrote", len(cases), "cases")
