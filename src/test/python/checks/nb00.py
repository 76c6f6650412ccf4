"""Output checks for notebooks/00-start-here.ipynb: the self-test passes, line by line; the course map
links every notebook. No timing is asserted."""
import re

import nbformat

from conftest import NOTEBOOKS, tagged

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def check_00(nb):
    self_test = tagged(nb, "self-test")
    lines = self_test.stdout.splitlines()
    assert lines[-1] == "OK", f"the self-test did not end with OK:\n{self_test.stdout}"
    rows = [re.fullmatch(r"(\w+)\s+(ok|FAIL)\s+(.*)", line).groups() for line in lines[:-1]]
    assert [(name, status) for name, status, _ in rows] == [
        ("java", "ok"), ("library", "ok"), ("machine", "ok"), ("chart", "ok")], lines
    checks = {name: result for name, _, result in rows}

    feature = int(re.fullmatch(r"Java (\d+)\S* \(needs 17 or newer\)", checks["java"]).group(1))
    assert feature >= 17
    assert checks["library"] == "Pool.threads(2).map(x -> x * x, [1, 2, 3, 4]) = [1, 4, 9, 16]"
    processors, logical = map(int, re.fullmatch(
        r"(\d+) processor\(s\) for the JVM, (\d+) logical core\(s\)", checks["machine"]).groups())
    assert processors >= 1 and logical >= 1
    assert checks["chart"] == "a Plotly figure, drawn below"

    # the cell ends with the chart: a Plotly figure of x * x, with its text fallback
    [result] = [o for o in self_test.cell.outputs if o.output_type == "execute_result"]
    figure = result.data[PLOTLY_MIME]
    assert [(t["type"], t["x"], t["y"]) for t in figure["data"]] == [("scatter", [1, 2, 3, 4], [1, 4, 9, 16])]
    assert figure["layout"]["title"]["text"] == "Self-test: x squared"
    assert result.data["text/plain"].startswith("Self-test: x squared")

    machine = tagged(nb, "machine").value
    assert re.search(rf"^JVM availableProcessors\(\)\s+{processors}$", machine, re.M), machine
    assert re.search(rf"^logical cores\s+{logical}$", machine, re.M), machine

    # the course map links every notebook there is, so a new notebook is not forgotten there
    course_map = next(c.source for c in nb.cells if c.cell_type == "markdown" and "## 1. The course map" in c.source)
    linked = set(re.findall(r"\]\(([^)]+\.ipynb)\)", course_map))
    missing = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")
                     if p.name != "00-start-here.ipynb" and p.name not in linked)
    assert not missing, f"add these notebooks to the course map in 00-start-here.ipynb: {missing}"
    assert all((NOTEBOOKS / link).exists() for link in linked), f"the course map links a missing notebook: {linked}"

    # the minutes agree: each notebook's header (teaching + exercises), the course map and the schedule,
    # whose times add up; the schedule lists every notebook
    minutes = {}
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        first = nbformat.read(path, as_version=4).cells[0].source
        teaching, exercises = map(int, re.search(r"\*\*Teaching:\*\* (\d+) min · \*\*Exercises:\*\* (\d+) min", first).groups())
        minutes[path.name[:2]] = teaching + exercises
    mapped = dict(re.findall(r"^\| (\d\d) \| .+ \| (\d+) \|$", course_map, re.M))
    assert {k: int(v) for k, v in mapped.items()} == minutes, (mapped, minutes)
    plan = next(c.source for c in nb.cells if c.cell_type == "markdown" and "## 4. A one-day workshop" in c.source)
    rows = re.findall(r"^\| (\d\d):(\d\d) \| (\d*) \| (.+) \|$", plan, re.M)
    starts = [int(h) * 60 + int(m) for h, m, _, _ in rows]
    assert all(a + int(mins) == b for a, (_, _, mins, _), b in zip(starts, rows, starts[1:])), rows
    listed = {re.match(r"(\d\d) · ", what).group(1): int(mins) for _, _, mins, what in rows if re.match(r"\d\d · ", what)}
    listed["00"] = next(int(mins) for _, _, mins, what in rows if "(00)" in what)
    assert listed == minutes, (listed, minutes)
