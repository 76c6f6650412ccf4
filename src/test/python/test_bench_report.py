"""The live view's row of the benchmark report (src/bench/python/report.py): the verdict on the
pairs' median ratio says PASS only when the noise could not have put it within the target."""
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "bench" / "python"))
import report  # noqa: E402


def test_the_median_interval_is_the_sign_tests():
    # 20 values: the 95 % interval of the median is from the 6th to the 15th (P(B(20, 1/2) <= 5) = 0.021)
    mid, interval = report.median_interval(list(range(1, 21)))
    assert mid == 10.5 and interval == (6, 15)
    assert report.median_interval([1, 2, 3, 4, 5])[1] is None, "5 values cannot give a 95 % interval"


def live_entry(off, on):
    metrics = {"offMs": off, "onMs": on, "drawingCpuMs": [6.0] * len(off), "extraCpuMs": [10.0] * len(off)}
    return {"benchmark": "org.learnparallel.bench.LiveViewBenchmark.pair", "params": {"workers": "2"},
            "secondaryMetrics": {k: {"rawData": [v]} for k, v in metrics.items()}}


@pytest.mark.parametrize("scale, spread, verdict", [
    (1.005, 0.002, "PASS"),        # every pair about 0.5 % slower with the view
    (1.005, 0.05, "UNRESOLVED"),   # the same median in noise of ±5 %
    (1.05, 0.002, "MISS"),
])
def test_the_live_verdict_needs_the_whole_interval_within_the_target(scale, spread, verdict):
    off = [3000.0 + 10 * i for i in range(20)]
    on = [o * scale * (1 + spread * (-1) ** i * (i % 5) / 4) for i, o in enumerate(off)]
    rows = report.live_rows(live_entry(off, on), 2)
    line = next(l for l in report.targets(rows, False) if l.startswith("| live view"))
    assert line.endswith(f"| {verdict} |"), line
    assert "median of 20 pairs" in line and "95 % interval" in line


def test_the_live_note_tells_the_orders_and_the_machines_load():
    off = [3000.0] * 40
    on = [3030.0 if i % 2 == 0 else 3060.0 for i in range(40)]  # off first: 1.01×, on first: 1.02×
    entry = live_entry(off, on)
    entry["secondaryMetrics"]["othersPct"] = {"rawData": [[5.0] * 39 + [60.0]]}
    entry["secondaryMetrics"]["frames"] = {"rawData": [[10.0] * 40]}  # drawingCpuMs: 6 ms a pair
    note = report.targets(report.live_rows(entry, 2), False)[-1]
    assert "off first 1.010×, on first 1.020×" in note, note
    assert "Other programs used 5 % of the machine during the pairs (median; 60 % at most)" in note, note
    assert "(0.60 ms a frame)" in note, note
