"""Output checks for notebooks/03-serial-vs-parallel.ipynb. Values and shapes only, never timings:
every check holds on one processor too (the branches follow the processor count the notebook printed)."""
import math
import re

from checks.nb02 import OTHERS, check_live_view, check_rounds
from conftest import NOTEBOOKS, tagged

PLOTLY_MIME = "application/vnd.plotly.v1+json"
PRIMES = [7443, 7406, 7415, 7372, 7442, 7476, 7387, 7395]  # in the blocks [20M + i·125,000, 20M + (i+1)·125,000)
EIGHT = [str(i) for i in range(8)]
POOL_WORKER = re.compile(r"pool-\d+-worker-(\d+)")
EPS = 1e-3  # ms: the timelines' clocks are nanoTime, one clock for all threads
BENCH_LINE = r"{}: \S+ \S+ ± \S+ \S+ per run \(median \S+ \S+, min \S+ \S+; {} runs?, {} warm-ups?\)"
CONCLUSION = re.compile(
    r"Amdahl fit on ≤ (\d+) workers: serial fraction s = (\d\.\d{3}), (?:at most [\d.]+× faster|within timing noise: no limit in sight)")
NO_FIT_ONE_CPU = "No Amdahl fit: it needs two worker counts up to the 1 core"


def figure(cell):
    """The Plotly figure of a cell's value."""
    results = [o for o in cell.cell.outputs if o.output_type == "execute_result"]
    assert len(results) == 1 and PLOTLY_MIME in results[0].data, f"no chart: {[sorted(o.get('data', {})) for o in cell.cell.outputs]}"
    return results[0].data[PLOTLY_MIME]


def gantt(cell):
    """A timeline's rows as {worker: [(label, start ms, length ms), ...]} in start order; one trace per row."""
    rows = {}
    for trace in figure(cell)["data"]:
        assert trace["type"] == "bar" and trace["orientation"] == "h", trace["type"]
        name = trace["name"]
        assert name not in rows, f"two traces for {name}"
        assert trace["y"] == [name] * len(trace["text"]), "a trace is one worker's row"
        bars = sorted(zip(trace["text"], trace["base"], trace["x"]), key=lambda b: b[1])
        assert all(start >= -EPS and length >= 0 for _, start, length in bars), bars
        rows[name] = bars
    return rows


def one_task_at_a_time(bars):
    """A worker runs one task at a time: its bars never overlap."""
    return all(b[1] >= a[1] + a[2] - EPS for a, b in zip(bars, bars[1:]))


def pool_timeline(cell, workers):
    rows = gantt(cell)
    assert len(rows) == workers, f"expected a row per worker, got {list(rows)}"
    assert sorted(int(POOL_WORKER.fullmatch(name).group(1)) for name in rows) == list(range(1, workers + 1)), list(rows)
    assert len({POOL_WORKER.fullmatch(name).group(0).split("-worker")[0] for name in rows}) == 1, "one pool"
    assert sorted((label for bars in rows.values() for label, _, _ in bars), key=int) == EIGHT
    assert all(len(bars) >= 1 for bars in rows.values()), "every worker gets a first task"
    assert all(one_task_at_a_time(bars) for bars in rows.values())
    assert cell.value.startswith(f"8 tasks on {workers} threads, "), cell.value
    assert "same counts as the loop: true" in cell.stdout
    return rows


def study_lines(cell, workers):
    """A study's printed lines without its interleaved rounds (one line per round, every worker count
    in order) and its last line, the share of the CPU other programs took; returns (lines, disturbed)."""
    check_rounds(cell, workers)
    others = OTHERS.search(cell.stdout)
    assert others, cell.stdout
    disturbed = others.group(2).startswith(": rerun on a quieter machine")
    assert disturbed == (int(others.group(1)) >= 10), others.group(0)
    kept = [l for l in cell.stdout.splitlines() if l and not l.startswith(("round ", "other programs used "))]
    return kept, disturbed


def speedup_traces(cell, workers, processors, disturbed=False):
    """The speed-up chart: measured, Ideal and (with 2+ processors, on a quiet machine) the fitted
    Amdahl curve; returns s or None."""
    fig = figure(cell)
    traces = {t["name"]: t for t in fig["data"]}
    names = list(traces)
    assert names[:2] == ["measured", "Ideal"], names
    x = [float(n) for n in workers]
    for t in fig["data"]:
        assert t["x"] == x, (t["name"], t["x"])
    assert traces["Ideal"]["y"] == x
    assert traces["measured"]["y"][0] == 1.0 and all(v > 0 for v in traces["measured"]["y"])
    cores_line = [s for s in fig["layout"].get("shapes", []) if s["type"] == "line"]
    assert [s["x0"] for s in cores_line] == [float(processors)], cores_line
    label = "1 core" if processors == 1 else f"{processors} cores"
    assert [a["text"] for a in fig["layout"]["annotations"]] == [label]
    if processors == 1 or disturbed:
        assert len(names) == 2, names
        return None
    assert len(names) == 3, names
    s = float(re.fullmatch(r"Amdahl, s = (\d\.\d{3})", names[2]).group(1))
    amdahl = traces[names[2]]["y"]
    assert math.isclose(amdahl[0], 1.0) and all(1.0 <= v <= n + 1e-9 for v, n in zip(amdahl, workers))
    return s


def check_projection(lines, conclusion, s):
    """The line after a fit's conclusion: no projection from a fit within noise (and it says why);
    otherwise Amdahl's speed-up on 2, 4, 8 workers, never more workers than the 8 tasks."""
    assert len(lines) == 1, lines
    if "within timing noise" in conclusion.group(0):
        assert lines[0] == f"no projection: s = {s:.3f} is within timing noise, so a speed-up it predicts for more workers would be noise too", lines
        return
    m = re.fullmatch(r"projected from s = (\d\.\d{3}), up to 8 workers \(8 tasks\):((?: \d+ workers [\d.]+x)+)", lines[0])
    assert m and float(m.group(1)) == s, lines
    pairs = [(int(n), float(x)) for n, x in re.findall(r" (\d+) workers ([\d.]+)x", m.group(2))]
    assert [n for n, _ in pairs] == [2, 4, 8], pairs
    for n, x in pairs:  # the law's value (s rounded to 3 places: a small tolerance), never above n
        assert abs(x - 1 / (s + (1 - s) / n)) <= 0.01 * n and x <= n + 0.005, (n, x, s)


def table_rows(text):
    """The rows of a printed tablesaw table, as lists of numbers."""
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 1 and all(re.fullmatch(r"-?[\d,]+(\.\d+)?", c) for c in cells if c):
            rows.append([float(c.replace(",", "")) for c in cells])
    return rows


def check_03(nb):
    machine = tagged(nb, "machine").value
    processors = int(re.search(r"^JVM availableProcessors\(\)\s+(\d+)$", machine, re.M).group(1))
    assert processors >= 1

    one = tagged(nb, "one-task")
    assert re.search("^" + BENCH_LINE.format("one task", 7, 2), one.stdout, re.M), one.stdout
    assert "task 0 finds 7,443 primes\n" in one.stdout
    assert one.value is None, "the cell should print, not echo a value"

    # serial: one row (the cell's thread), eight bars one after another
    serial = tagged(nb, "serial-timeline")
    assert f"primes per task: {PRIMES}\n" in serial.stdout
    assert serial.value.startswith("8 tasks on 1 thread, "), serial.value
    rows = gantt(serial)
    [(cell_thread, bars)] = rows.items()
    assert cell_thread.startswith("jjava-exec-"), cell_thread
    assert [label for label, _, _ in bars] == EIGHT
    assert one_task_at_a_time(bars)

    # parallel: a row per worker, every task once, each worker one task at a time
    pool_timeline(tagged(nb, "two-timeline"), 2)
    pool_timeline(tagged(nb, "four-timeline"), 4)
    # the eight tasks watched live on every processor: complete
    check_live_view(tagged(nb, "live-serial-vs-parallel"), f"{processors} worker{'' if processors == 1 else 's'}", 8)

    table = tagged(nb, "timeline-table").stdout.splitlines()
    assert table[0].split() == ["workers", "wall", "(ms)", "sum", "of", "bars", "(ms)", "speed-up", "efficiency"]
    rows = [[float(v) for v in line.split()] for line in table[1:]]
    assert [r[0] for r in rows] == [1, 2, 4], table
    assert rows[0][3:] == [1.0, 1.0], table
    for workers, wall, bars, speedup, efficiency in rows:
        assert wall > 0 and bars > 0 and speedup > 0
        assert abs(efficiency - speedup / workers) <= 0.011, (workers, speedup, efficiency)

    # the speed-up study: 1 .. 2 x processors workers, an Ideal column, Amdahl fitted with 2+ processors
    counts = list(range(1, 2 * processors + 1))
    study = tagged(nb, "speedup")
    lines, disturbed = study_lines(study, counts)
    fitted = processors > 1 and not disturbed
    assert len(lines) == len(counts), study.stdout
    for n, line in zip(counts, lines):
        assert re.fullmatch(BENCH_LINE.format(f"{n} workers?", 3, 1) + r"( · CPU .+)?", line), line
    s = speedup_traces(study, counts, processors, disturbed)

    table = table_rows(tagged(nb, "speedup-table").value)
    header = tagged(nb, "speedup-table").value
    columns = ["workers", "time (ms)", "± (ms)", "speed-up", "efficiency", "Ideal"] + (["Amdahl"] if fitted else [])
    assert [c.strip() for c in header.splitlines()[1].strip().strip("|").split("|")] == columns, header
    assert [r[0] for r in table] == counts, table
    assert table[0][3] == 1.0 and table[0][4] == 1.0
    for row in table:
        n, ms, spread, speedup, efficiency, ideal = row[:6]
        assert ms > 0 and spread >= 0 and speedup > 0
        assert ideal == n
        assert abs(efficiency - speedup / n) <= 0.011, row
        if fitted:
            assert 1.0 <= row[6] <= min(n, processors) + 0.005, row

    # the recorded runs: one CPU and two cores, their speed-ups as printed, both in one chart
    rec = tagged(nb, "recorded-runs")
    files = [NOTEBOOKS / "data" / f"speedup-primes-{m}-intel-xeon.csv" for m in ("1cpu", "2core")]
    printed = re.findall(r"^(.+): speed-up on 2 workers ([\d.]+)x, on 4 workers ([\d.]+)x$", rec.stdout, re.M)
    assert len(printed) == 2 and len(rec.stdout.splitlines()) == 2, rec.stdout
    for f, (machine, s2, s4), cores in zip(files, printed, (1, 2)):
        about = dict(l[2:].split(": ", 1) for l in f.read_text().splitlines() if l.startswith("# "))
        assert machine == about["machine"] and int(about["cores"]) == cores, (machine, about)
        times = {int(r.split(",")[0]): float(r.split(",")[1]) for r in f.read_text().splitlines() if r[:1].isdigit()}
        assert abs(float(s2) - times[1] / times[2]) <= 0.0051 and abs(float(s4) - times[1] / times[4]) <= 0.0051, (f.name, s2, s4)
    (_, one2, _), (_, two2, _) = printed
    assert float(one2) < 1.2 and float(two2) > 1.6, "the prose: flat at about 1 on one CPU, about 2 on two cores"
    both = figure(rec)["data"]
    assert [t["name"] for t in both] == ["recorded on 1 CPU", "recorded on 2 cores", "Ideal"], [t["name"] for t in both]

    # Amdahl's law: exact numbers, and its chart
    law = tagged(nb, "amdahl-law")
    assert law.stdout == (
        "   p     n=2    n=4    n=8   n=16   n=32   n=∞\n"
        "0.50   1.33   1.60   1.78   1.88   1.94    2.0\n"
        "0.75   1.60   2.29   2.91   3.37   3.66    4.0\n"
        "0.90   1.82   3.08   4.71   6.40   7.80   10.0\n"
        "0.95   1.90   3.48   5.93   9.14  12.55   20.0\n"
        "0.99   1.98   3.88   7.48  13.91  24.43  100.0\n"), law.stdout
    traces = figure(law)["data"]
    assert [t["name"] for t in traces] == ["Ideal (p = 1)", "p = 0.5", "p = 0.75", "p = 0.9", "p = 0.95", "p = 0.99"]
    ns = [float(n) for n in range(1, 33)]
    assert all(t["x"] == ns for t in traces)
    assert traces[0]["y"] == ns
    for t in traces[1:]:
        p = float(t["name"][4:])
        assert all(math.isclose(y, 1 / ((1 - p) + p / n), rel_tol=1e-9) for y, n in zip(t["y"], ns)), t["name"]

    fit = tagged(nb, "amdahl-fit").stdout.splitlines()
    if disturbed:  # the conclusion is the warning, and nothing is projected (on one CPU too)
        assert len(fit) == 1 and "rerun on a quieter machine" in fit[0], fit
        without = fit[0]
    elif processors == 1:
        assert fit == [NO_FIT_ONE_CPU], fit
        without = NO_FIT_ONE_CPU
    else:
        m = CONCLUSION.fullmatch(fit[0])
        assert m and int(m.group(1)) == processors, fit
        assert float(m.group(2)) == s, "the chart's Amdahl curve is the fit the cell prints"
        check_projection(fit[1:], m, float(m.group(2)))
        if processors == 2:  # two points: the fit is exact, s = 2 / S(2) - 1 (clamped to [0, 1])
            s2 = table[1][3]
            assert abs(s - min(1, max(0, 2 / s2 - 1))) <= 0.02, (s, s2)
        without = fit[0]

    # the serial pre-step: drawn on the cell's thread before the pool's tasks start, then measured
    pre = tagged(nb, "prestep-timeline")
    assert pre.value.startswith("9 tasks on 3 threads, "), pre.value  # the title counts the rows
    rows = gantt(pre)
    assert list(rows)[0] == cell_thread, f"the pre-step started first: its thread is the top row, {list(rows)}"
    [(label, start, length)] = rows.pop(cell_thread)
    assert label == "pre-step" and start == 0.0 and length > 0
    assert len(rows) == 2 and all(POOL_WORKER.fullmatch(w) for w in rows), list(rows)
    assert sorted((l for bars in rows.values() for l, _, _ in bars), key=int) == EIGHT
    assert all(b[1] >= length - EPS for bars in rows.values() for b in bars), "the pool starts after the pre-step"
    assert all(one_task_at_a_time(bars) for bars in rows.values())

    pre = tagged(nb, "prestep-study")
    lines, pre_disturbed = study_lines(pre, [1, 2])
    assert re.fullmatch(BENCH_LINE.format("1 worker", 3, 1) + r"( · CPU .+)?", lines[0]), lines[0]
    assert re.fullmatch(BENCH_LINE.format("2 workers", 3, 1) + r"( · CPU .+)?", lines[1]), lines[1]
    assert lines[2] == "predicted serial fraction: 4 / 12 = 0.33"
    assert lines[3] == "without the pre-step: " + without
    assert lines[4].startswith("with the pre-step:    "), lines
    with_pre = lines[4][len("with the pre-step:    "):]
    s_pre = speedup_traces(pre, [1, 2], processors, pre_disturbed)
    if pre_disturbed:
        assert "rerun on a quieter machine" in with_pre and len(lines) == 5, lines
    elif processors == 1:
        assert with_pre == NO_FIT_ONE_CPU and len(lines) == 5, lines
    else:
        m = CONCLUSION.fullmatch(with_pre)
        assert m and m.group(1) == "2" and float(m.group(2)) == s_pre, with_pre
        check_projection(lines[5:], m, s_pre)

    # both studies in one chart: the same speed-ups as their own charts, one Ideal
    both = figure(tagged(nb, "prestep-overlay"))["data"]
    assert [t["name"] for t in both] == ["without the pre-step", "with the pre-step", "Ideal"], both
    own = {"without the pre-step": figure(study)["data"][0], "with the pre-step": figure(pre)["data"][0]}
    for t in both[:2]:
        assert (t["x"], t["y"]) == (own[t["name"]]["x"], own[t["name"]]["y"]), t["name"]
    assert both[2]["x"] == both[2]["y"] == [float(n) for n in counts]

    # tiny tasks: a loop, map with chunksize 1, map with default chunks; same squares; a bar chart
    tiny = tagged(nb, "tiny-tasks")
    labels = ["loop", "map, chunksize 1", "map, default chunks"]
    for label, runs in zip(labels, [7, 3, 7]):
        assert re.search("^" + BENCH_LINE.format(re.escape(label), runs, 2), tiny.stdout, re.M), (label, tiny.stdout)
    assert "same squares all three ways: true\n" in tiny.stdout
    per_item = re.findall(r"^per item, (.+?): +(\d+\.\d{3}) µs$", tiny.stdout, re.M)
    assert [l for l, _ in per_item] == labels and all(float(v) > 0 for _, v in per_item), tiny.stdout
    bars = figure(tiny)["data"]
    # CPU bars only where some timing has a CPU time: runs under 100 ms in all have none
    cpu = any(re.search("^" + re.escape(label) + r": .* · CPU [\d.]+ ", tiny.stdout, re.M) for label in labels)
    assert [b["name"] for b in bars] == ["wall time"] + (["CPU time"] if cpu else []), [b["name"] for b in bars]
    assert all(b["type"] == "bar" and b["x"] == labels for b in bars)
    assert all(v > 0 for v in bars[0]["y"]) and len(bars[0]["error_y"]["array"]) == 3
    assert tiny.value.startswith("Wall time and CPU time\n" if cpu else "Wall time\n"), tiny.value
    assert "speed-up vs loop" in tiny.value, "the speed-up names its baseline"
    assert len(re.findall(r"^\s+(loop|map, chunksize 1|map, default chunks)\s+\|", tiny.value, re.M)) == 3, tiny.value

    assert tagged(nb, "chunk-rule").stdout == (
        "      items  workers  chunksize  chunks\n"
        "          8        2          1       8\n"
        "          8        4          1       8\n"
        "         20        2          3       7\n"
        "    100,000        2     12,500       8\n"
        "    100,000        4      6,250      16\n")

    # chunks drawn: 20 tasks on 2 workers in chunks of 3; a chunk's tasks run back to back on one worker
    chunks = tagged(nb, "chunk-timeline")
    assert chunks.value.startswith("20 tasks on 2 threads, "), chunks.value
    rows = gantt(chunks)
    assert len(rows) == 2 and all(POOL_WORKER.fullmatch(w) for w in rows), list(rows)
    order = {w: [int(l) for l, _, _ in bars] for w, bars in rows.items()}
    assert sorted(i for seq in order.values() for i in seq) == list(range(20))
    assert all(len(seq) >= 3 for seq in order.values()), "each worker takes at least one chunk"
    for seq in order.values():
        runs = [seq[i:i + 3] for i in range(0, len(seq), 3)]
        assert all(r == list(range(r[0], min(r[0] + 3, 20))) and r[0] % 3 == 0 for r in runs), seq
    assert all(one_task_at_a_time(bars) for bars in rows.values())

    check_more_limits(nb, processors, cell_thread)


def check_more_limits(nb, processors, cell_thread):
    """Section 9: the task graph's bound and picture, memory-bound vs compute-bound, false sharing."""
    graph = tagged(nb, "task-graph")
    lines = graph.stdout.splitlines()
    assert lines[0] == "work 6 tasks, critical path 3 tasks: at most 2.0x faster on any number of workers", lines
    m = re.fullmatch(r"this run: (\d+) ms of tasks in (\d+) ms", lines[1])
    assert m and len(lines) == 2, lines
    rows = gantt(graph)
    [(first_label, first_start, first_length), (last_label, last_start, _)] = rows.pop(cell_thread)
    assert (first_label, last_label) == ("read", "merge"), rows
    middle = [b for bars in rows.values() for b in bars]
    assert sorted(label for label, _, _ in middle) == ["1", "2", "3", "4"] and len(rows) == 2, rows
    assert all(start >= first_start + first_length - EPS for _, start, _ in middle), "the four need read"
    assert all(last_start >= start + length - EPS for _, start, length in middle), "merge needs all four"
    assert graph.value.startswith("6 tasks on 3 threads, "), graph.value

    memory = tagged(nb, "memory-bound").stdout
    for label in ("sum", "arithmetic"):
        for workers in ("1 worker", "2 workers"):
            assert re.search("^" + BENCH_LINE.format(f"{label}, {workers}", 5, 2), memory, re.M), (label, workers, memory)
    rows = {m.group(1): [float(v) for v in m.groups()[1:]] for m in re.finditer(
        r"^(sum of 16,000,000 longs|arithmetic on 4,000,000 longs) \(ms\)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)x$", memory, re.M)}
    assert len(rows) == 2, memory
    for one, two, speedup in rows.values():
        assert abs(speedup - one / two) <= 0.01 * speedup + 0.06, (one, two, speedup)  # ms printed to 0.1
    verdict = memory.rstrip("\n").splitlines()[-1]
    sum_s, math_s = rows["sum of 16,000,000 longs"][2], rows["arithmetic on 4,000,000 longs"][2]
    if processors == 1:
        assert verdict == "one CPU: the two workers take turns on it, so a speed-up far from 1 above is noise (other programs, the JIT)", verdict
    elif verdict == "the memory-bound sum scaled clearly less than the arithmetic":
        assert sum_s < 0.85 * math_s + 0.03, (sum_s, math_s)  # printed speed-ups are rounded
    else:
        assert verdict == "the sum scaled about as well as the arithmetic: this machine's memory kept up with 2 cores", verdict
        assert sum_s >= 0.85 * math_s - 0.03, (sum_s, math_s)

    sharing = tagged(nb, "false-sharing")
    assert sharing.value is None, "the cell should print, not echo a value"
    m = re.fullmatch(r"adjacent slots \(0 and 1\):\s+([\d.]+) ms\npadded slots \(0 and 16\):\s+([\d.]+) ms\n"
                     r"adjacent / padded:\s+([\d.]+)x\n", sharing.stdout)
    assert m, sharing.stdout
    adjacent, padded, ratio = map(float, m.groups())
    assert adjacent > 0 and padded > 0 and abs(ratio - adjacent / padded) <= 0.01 * ratio + 0.01, m.groups()
