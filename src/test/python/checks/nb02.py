"""Output checks for notebooks/02-cpu-vs-core.ipynb. No timing is asserted: times are only
checked to be positive (and, for sleeping tasks, not shorter than the sleeps). Every check that
depends on the machine reads the processor count the notebook printed, so the notebook passes on
one processor (Binder, -XX:ActiveProcessorCount=1) as on many."""
import re

from conftest import NOTEBOOKS, tagged

PLOTLY = "application/vnd.plotly.v1+json"
RECORDED_CSV = NOTEBOOKS / "data" / "speedup-2core-amd-epyc.csv"
DARTS, HITS = 200_000_000, 157_078_925  # dart i lands at scramble(i): the count is fixed
RUN_LINE = r"^{n} workers?: \S+ \S+ ± \S+ \S+ per run \(median (\S+) (s|ms|µs|ns), min \S+ \S+; {runs} runs, {warm} warm-ups?\)"
UNIT = {"s": 1.0, "ms": 1e-3, "µs": 1e-6, "ns": 1e-9}


def plotly(cell):
    figures = [o.data[PLOTLY] for o in cell.cell.outputs if o.output_type == "execute_result" and PLOTLY in o.data]
    assert len(figures) == 1, "expected the cell's value to be a Plotly chart"
    return figures[0]


def speedup_table(text, spread=True):
    """The rows of a SpeedupResult's text: {workers: (time ms, speed-up)}, and its conclusion line.
    Measured results have a ± column; recorded ones, which have no spread, have none (rather than zeros)."""
    lines = text.strip().splitlines()
    assert lines[0].strip() == "Speed-up", lines[0]
    header = [h.strip() for h in lines[1].strip(" |").split("|")]
    columns = ["workers", "time (ms)"] + (["± (ms)"] if spread else []) + ["speed-up", "efficiency", "Ideal"]
    assert header[:len(columns)] == columns, header
    rows = {}
    for line in lines[3:-1]:
        cols = dict(zip(header, (c.strip() for c in line.strip(" |").split("|"))))
        assert len(cols) == len(header), line
        rows[int(cols["workers"])] = (float(cols["time (ms)"].replace(",", "")), float(cols["speed-up"]))
        assert float(cols["Ideal"]) == int(cols["workers"]), line  # Ideal: n workers, n times faster
    return rows, lines[-1]


def read_csv():
    about, rows = {}, []
    for line in RECORDED_CSV.read_text().splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            about[key.strip()] = value.strip()
        elif line.strip() and not line.startswith("workers"):
            workers, seconds = line.split(",")
            rows.append((int(workers), float(seconds)))
    return about, rows


LIVE_TEXT = r"^{who}: {n}/{n} items \(100 %\), [\d.]+ s, [\d.]+ items/s"
OTHERS = re.compile(r"^other programs used (\d+) % of the CPU during this study(.*)$", re.M)


def check_live_view(cell, who, items):
    """A watched map: its last frame printed as text reads complete; when the call lasted long enough
    to draw (0.3 s), the view's saved final state says the same, as SVG with no script."""
    assert re.search(LIVE_TEXT.format(who=who, n=items), cell.stdout, re.M), cell.stdout
    views = [o for o in cell.cell.outputs if o.output_type == "display_data" and "text/html" in o.data]
    assert len(views) <= 1, "one live view per call"
    if views:
        final = views[0].data
        assert re.match(LIVE_TEXT.format(who=who, n=items), final["text/plain"]), final["text/plain"]
        assert final["text/plain"] in cell.stdout, "the printed last frame is the view's final state"
        assert "<svg" in final["text/html"] and "<script" not in final["text/html"]
        assert "Task stream" in final["text/html"]
    else:
        seconds = float(re.search(r"items \(100 %\), ([\d.]+) s", cell.stdout).group(1))
        assert seconds < 0.5, f"a {seconds} s call drew no view"


def check_rounds(study, workers):
    """Interleaved: each of the study's 3 measured rounds ran every worker count once, in order."""
    rounds = re.findall(r"^round (\d) of 3: (.+)$", study.stdout, re.M)
    assert [int(r) for r, _ in rounds] == [1, 2, 3], study.stdout
    for _, line in rounds:
        assert [int(w) for w in re.findall(r"(\d+) workers? [\d.]+ [µm]?s", line)] == list(workers), line


def check_disturbance(study, conclusion, figure):
    """The study's last printed line says what share of the CPU other programs took; from 10 % it
    warns, the conclusion and the chart's subtitle say so, and no law is fitted. Returns whether it warned."""
    m = OTHERS.search(study.stdout)
    if m is None:
        assert "other programs used during this study could not be measured" in study.stdout, study.stdout
        return False
    share, rest = int(m.group(1)), m.group(2)
    warning = f"other programs used {share} % of the CPU during this study: rerun on a quieter machine"
    if rest.startswith(": rerun"):
        assert share >= 10, m.group(0)
        assert conclusion.startswith(warning), conclusion
        assert warning in figure["layout"]["title"]["text"], "the warning under the chart's title"
        return True
    assert share < 10 and rest == " (quiet enough: under 10 %)", m.group(0)  # the share is rounded down
    assert "rerun" not in conclusion
    return False


def check_02(nb):
    # 1. the machine, and the processors the JVM sees
    machine = tagged(nb, "machine").value
    facts = dict(re.findall(r"^(CPU model|physical cores|logical cores|JVM availableProcessors\(\)) +(.+)$", machine, re.M))
    assert len(facts) == 4, machine
    physical, logical = int(facts["physical cores"]), int(facts["logical cores"])
    processors = int(facts["JVM availableProcessors()"])
    assert 1 <= physical <= logical and processors >= 1, facts

    printed = tagged(nb, "processors").stdout
    assert f"physical cores (hardware):        {physical}\n" in printed
    assert f"logical cores (hardware threads): {logical}\n" in printed
    assert f"processors the JVM sees:          {processors}\n" in printed
    flag = re.search(r"^JVM flag that sets it:            (.+)$", printed, re.M).group(1)
    assert flag == "none" or flag == f"-XX:ActiveProcessorCount={processors}", flag
    assert re.search(r"^container limit file:             \S", printed, re.M), printed

    # 2. CPU-bound: the same answer on any number of workers; a study of 1 .. max(4, 2 x processors) workers
    most = max(4, 2 * processors)
    darts = tagged(nb, "darts").stdout
    assert f"1 worker:   {HITS:,} of {DARTS:,} darts in the circle, pi ~ 3.14158\n" in darts, darts
    assert f"{2 * processors} workers: {HITS:,} of {DARTS:,} darts in the circle, pi ~ 3.14158\n" in darts, darts
    assert "same answer: true" in darts

    # the live views: one worker, then one per processor, on the same 8 parts of the darts
    for tag, workers in (("live-one-core", 1), ("live-all-cores", processors)):
        check_live_view(tagged(nb, tag), f"{workers} worker{'' if workers == 1 else 's'}", 8)

    study = tagged(nb, "cpu-study")
    for n in range(1, most + 1):
        m = re.search(RUN_LINE.format(n=n, runs=3, warm=1), study.stdout, re.M)
        assert m and float(m.group(1)) > 0, (n, study.stdout)
    check_rounds(study, range(1, most + 1))
    assert f"every run counted the same darts: true [{HITS}]" in study.stdout
    rows, conclusion = speedup_table(study.value)
    assert sorted(rows) == list(range(1, most + 1)), rows
    assert all(ms > 0 and speedup > 0 for ms, speedup in rows.values()), rows
    figure = plotly(study)
    names = [t["name"] for t in figure["data"]]
    disturbed = check_disturbance(study, conclusion, figure)
    if disturbed:
        assert names == ["measured", "Ideal"], "no Amdahl curve fitted to disturbed times"
    elif processors == 1:
        assert conclusion == "No Amdahl fit: it needs two worker counts up to the 1 core", conclusion
    else:
        assert conclusion.startswith(f"Amdahl fit on ≤ {processors} workers: serial fraction s = "), conclusion
    if not disturbed:
        assert names[:2] == ["measured", "Ideal"] and len(names) == (2 if processors == 1 else 3), names
    assert [s["x0"] for s in figure["layout"]["shapes"]] == [processors], "a dotted line at the processors"

    # 3. waiting: 16 tasks of 50 ms on 1, 2, 4, 8, 16 workers; each run lasts at least its sleeps
    io = tagged(nb, "io-study")
    for n in (1, 2, 4, 8, 16):
        m = re.search(RUN_LINE.format(n=n, runs=2, warm=0), io.stdout, re.M)
        assert m and float(m.group(1)) * UNIT[m.group(2)] >= 0.9 * 0.05 * 16 / n, (n, io.stdout)
    rows, conclusion = speedup_table(io.value)
    check_disturbance(io, conclusion, plotly(io))
    assert sorted(rows) == [1, 2, 4, 8, 16], rows
    assert all(ms >= 0.9 * 50 * 16 / n for n, (ms, _) in rows.items()), rows
    assert [t["name"] for t in plotly(io)["data"]][:2] == ["measured", "Ideal"]

    cpu_time = tagged(nb, "cpu-time")
    assert cpu_time.value is None, "the CPU-time cell should print, not echo a value"
    for label in (f"darts, {most} workers", "16 waits, 16 workers"):
        m = re.search(rf"^{label}: .* per run \(.*; 5 runs, 1 warm-up\) · CPU (.+)$", cpu_time.stdout, re.M)
        assert m, (label, cpu_time.stdout)
        assert m.group(1) in ("n/a (under 100 ms in all)", "n/a (under one tick of its clock)") \
            or re.fullmatch(r"\S+ \S+ \([\d.]+× wall\)", m.group(1)), m.group(1)

    # 4. the recorded run: a labelled CSV next to the notebook, read back and charted beside the live run
    about, csv_rows = read_csv()
    assert "2-core" in about["machine"] and "recorded" in about["machine"], about
    assert about["cores"] == "2" and [w for w, _ in csv_rows] == [1, 2, 3, 4], (about, csv_rows)
    assert all(s > 0 for _, s in csv_rows)
    assert tagged(nb, "recorded-file").stdout == RECORDED_CSV.read_text() + "\n"

    recorded = tagged(nb, "recorded")
    assert recorded.value is None
    assert f"recorded on: {about['machine']}\n" in recorded.stdout
    rows, conclusion = speedup_table(recorded.stdout.split("\n", 1)[1], spread=False)
    t1 = csv_rows[0][1]
    assert sorted(rows) == [w for w, _ in csv_rows], rows
    for w, s in csv_rows:  # the printed table rounds to 2 decimals
        assert abs(rows[w][0] - s * 1e3) <= 0.006 and abs(rows[w][1] - t1 / s) <= 0.006, (w, rows[w], s)
    # two points, so s = 2 t(2) / t(1) - 1, about 0.001: within the noise, so no 1 / s limit
    s2 = 2 * csv_rows[1][1] / t1 - 1
    assert conclusion == f"Amdahl fit on ≤ 2 workers: serial fraction s = {max(0, s2):.3f}, within timing noise: no limit in sight", conclusion

    figure = plotly(tagged(nb, "side-by-side"))
    live_name = f"live ({processors} processor{'' if processors == 1 else 's'})"
    assert [t["name"] for t in figure["data"]] == [live_name, "recorded (2 cores)", "Ideal"], figure["data"]
    live, rec, ideal = figure["data"]
    assert live["x"] == list(range(1, most + 1)) and len(live["y"]) == most and live["y"][0] == 1
    assert rec["x"] == [w for w, _ in csv_rows]
    assert rec["y"] == [t1 / s for _, s in csv_rows]
    assert ideal["x"] == ideal["y"] and len(ideal["x"]) == max(most, len(csv_rows))
    assert sorted(s["x0"] for s in figure["layout"]["shapes"]) == sorted({processors, 2}), "one line per distinct core count"
    assert about["machine"] in figure["layout"]["title"]["text"]

    summary = tagged(nb, "summary")
    assert summary.value is None, "the summary cell should print, not echo a value"
    best_recorded = max(t1 / s for _, s in csv_rows)
    assert re.search(rf"^live, {processors} processor\(s\):   computing [\d.]+x, waiting [\d.]+x at best$", summary.stdout, re.M), summary.stdout
    assert f"recorded, 2 cores:      computing {best_recorded:.2f}x at best\n" in summary.stdout, summary.stdout
