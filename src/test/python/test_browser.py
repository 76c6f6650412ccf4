"""The notebooks in a person's browser: headless Chromium opens them in JupyterLab (served by the
README's start command). Every notebook's saved charts must be drawn; the notebooks whose cells update
their own output while they run (the live views) are also run there: restart the kernel, run all
cells. No cell may fail and nothing may be fetched from outside this machine (a CDN dependency fails
here). Every notebook is already executed twice by test_notebooks (all processors and one), so running
all of them a third time here would add minutes and no new kind of check. Screenshots go to
test-artifacts/."""
import contextlib
import urllib.parse

import nbformat
import pytest

from conftest import ARTIFACTS, TOKEN, api, committed, notebook_paths

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def charts_in(nb):
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if PLOTLY_MIME in o.get("data", {}))


def menu(page, menu_name, item):
    page.click(f"div.lm-MenuBar-itemLabel:text-is('{menu_name}')")
    page.click(f"li.lm-Menu-item:has-text('{item}')")


# Run in the browser: the notebooks with live views (display updates while a cell runs).
RUN_IN_BROWSER = ["02-cpu-vs-core.ipynb", "04-pool-map-starmap.ipynb"]


def open_notebook(lab, page, notebook_path, workspace):
    """Opens the notebook in a workspace of its own, reset (only this notebook open, whatever ran
    before), and waits for its kernel."""
    page.goto(f"{lab}/lab/workspaces/{workspace}/tree/{urllib.parse.quote(notebook_path.name)}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    kernel_name = committed(notebook_path).metadata.kernelspec.display_name
    page.wait_for_selector(f".jp-Toolbar-kernelName:has-text('{kernel_name}')", timeout=60_000)


def wait_for_charts(page, notebook_path, screenshot):
    """Plotly draws after the outputs arrive (its script loads on first use): waits until every chart
    of the committed notebook is drawn, then checks there are no more."""
    charts = charts_in(committed(notebook_path))
    try:
        if charts:
            page.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=30_000)
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / screenshot))
    assert page.locator(".js-plotly-plot").count() == charts


def test_saved_charts_draw_in_jupyterlab(lab, page, notebook_path):
    open_notebook(lab, page, notebook_path, f"open-{notebook_path.stem}")
    wait_for_charts(page, notebook_path, f"{notebook_path.stem}-saved.png")
    assert not page.context.outside_requests, f"requests outside this machine: {page.context.outside_requests}"


@pytest.mark.parametrize("name", RUN_IN_BROWSER)
def test_runs_in_jupyterlab(lab, page, name):
    notebook_path = next(p for p in notebook_paths() if p.name == name)
    code_cells = sum(1 for c in committed(notebook_path).cells if c.cell_type == "code")
    open_notebook(lab, page, notebook_path, f"run-{notebook_path.stem}")
    page.wait_for_timeout(2_000)  # let the kernel connection settle before the menu command

    # Cleared first: the committed notebook's own last prompt already reads [n], and its charts are drawn.
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length === 0", timeout=10_000)
    last_prompt = page.locator(".jp-CodeCell .jp-InputPrompt").nth(code_cells - 1)
    last_prompt.filter(has_text="[ ]").wait_for(timeout=10_000)
    menu(page, "Kernel", "Restart Kernel and Run All Cells")
    page.click(".jp-Dialog-button.jp-mod-accept")

    # The last code cell's prompt shows the number of code cells once every cell has run in order.
    try:
        last_prompt.filter(has_text=f"[{code_cells}]").wait_for(timeout=300_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=180_000)
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{notebook_path.stem}.png"))

    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, f"error output in the browser: {errors.first.inner_text()[:500]}"
    wait_for_charts(page, notebook_path, f"{notebook_path.stem}.png")
    assert not page.context.outside_requests, f"requests outside this machine: {page.context.outside_requests}"


STUDENT_FIGURE = """Table squares = Table.create("squares", IntColumn.create("x", 1, 2, 3, 4), IntColumn.create("y", 1, 4, 9, 16));
ScatterPlot.create("A student's squares", squares, "x", "y")"""


@contextlib.contextmanager
def scratch_cell(lab, page, name, source):
    """A one-cell scratch notebook beside the notebooks (removed after), open in JupyterLab on the
    course kernel, its cell run with Shift+Enter."""
    kernelspec = committed(notebook_paths()[0]).metadata.kernelspec
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)], metadata={"kernelspec": dict(kernelspec)})
    api(lab, f"/api/contents/{name}", "PUT", {"type": "notebook", "format": "json", "content": nb})
    try:
        page.goto(f"{lab}/lab/workspaces/{name[:-len('.ipynb')]}/tree/{name}?reset&token={TOKEN}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_selector(f".jp-Toolbar-kernelName:has-text('{kernelspec.display_name}')", timeout=60_000)
        page.wait_for_timeout(2_000)
        page.click(".jp-CodeCell .jp-InputArea-editor")
        page.keyboard.press("Shift+Enter")
        yield
    finally:
        api(lab, f"/api/contents/{name}", "DELETE")


def test_a_students_tablesaw_figure_draws(lab, page):
    """A figure made with tablesaw-jsplot's own API (as d2l-java's notebooks do) draws when it is a
    cell's value: the course's renderer turns it into a Plotly figure."""
    source = "import tech.tablesaw.api.*;\nimport tech.tablesaw.plotly.api.*;\n" + STUDENT_FIGURE
    with scratch_cell(lab, page, "scratch-student-figure.ipynb", source):
        page.locator(".js-plotly-plot .main-svg .trace").first.wait_for(timeout=60_000)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "student-tablesaw-figure.png"))
        assert "A student's squares" in page.locator(".js-plotly-plot .gtitle").first.text_content()
        assert page.locator(".js-plotly-plot .scatterlayer .point").count() == 4
        assert not page.context.outside_requests, f"requests outside this machine: {page.context.outside_requests}"


def test_a_notebook_saved_from_jupyterlab_passes_the_tests(lab, page):
    """The README's way to save: Restart and Run All in JupyterLab, then File > Save. JupyterLab's Plotly
    renderer then saves an image/png beside each chart. Such a notebook (a scratch copy of 00, so the
    committed one is untouched) must still pass the freshness and output checks, and export each chart once."""
    import json

    from checks import CHECKS
    from test_committed_notebooks import code_cells, shape
    from test_export import export_module

    source = next(p for p in notebook_paths() if p.name == "00-start-here.ipynb")
    name = "scratch-saved-00-start-here.ipynb"
    code_count = len(code_cells(committed(source)))
    api(lab, f"/api/contents/{name}", "PUT", {"type": "notebook", "format": "json",
                                              "content": json.loads(nbformat.writes(committed(source)))})
    try:
        open_notebook(lab, page, source.with_name(name), "saved-round-trip")
        page.wait_for_timeout(2_000)
        menu(page, "Edit", "Clear Outputs of All Cells")
        menu(page, "Kernel", "Restart Kernel and Run All Cells")
        page.click(".jp-Dialog-button.jp-mod-accept")
        last_prompt = page.locator(".jp-CodeCell .jp-InputPrompt").nth(code_count - 1)
        last_prompt.filter(has_text=f"[{code_count}]").wait_for(timeout=180_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
        wait_for_charts(page, source, "saved-round-trip.png")
        menu(page, "File", "Save Notebook")
        page.wait_for_function("!document.querySelector('.jp-mod-dirty')", timeout=30_000)
        saved = nbformat.from_dict(api(lab, f"/api/contents/{name}")["content"])
    finally:
        api(lab, f"/api/contents/{name}", "DELETE")

    charts = [o for c in code_cells(saved) for o in c.outputs if PLOTLY_MIME in o.get("data", {})]
    assert charts and all("image/png" in o["data"] for o in charts), (
        "JupyterLab saved no image/png beside its charts: this test no longer checks the round trip")
    # the freshness test's comparison, and the notebook's own output checks, on the browser's run
    assert [c.execution_count for c in code_cells(saved)] == list(range(1, code_count + 1))
    assert [shape(c) for c in code_cells(saved)] == [shape(c) for c in code_cells(committed(source))]
    CHECKS[source.name](saved)
    # the export shows each chart once: the interactive figure, not the picture beside it
    export = export_module()
    exported, resources = export.PlotlyToHtml().preprocess(saved, {"metadata": {"name": "saved"}})
    assert resources["plotly_charts"] == len(charts)
    assert not [o for c in code_cells(exported) for o in c.outputs if "image/png" in o.get("data", {})]


LIVE_MAP = """try (Pool pool = Live.watch(Pool.threads(2))) {
    pool.map(x -> { Thread.sleep(150); return x; }, IntStream.range(0, 32).boxed().toList(), 1);
}"""


def test_the_live_view_moves_and_ends_complete(lab, page):
    """A 2.4 s map watched live: the browser sees its progress bar change at least 3 times, then 100 %."""
    with scratch_cell(lab, page, "scratch-live-view.ipynb", LIVE_MAP):
        view = page.locator(".learnparallel-live svg text").first
        view.wait_for(timeout=60_000)
        seen = []
        for _ in range(200):  # every 50 ms, up to 10 s: the progress line as the browser shows it
            text = view.text_content()
            if not seen or seen[-1] != text:
                seen.append(text)
            if "(100 %)" in text:
                break
            page.wait_for_timeout(50)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "live-view.png"))
        assert len(seen) >= 4, f"the progress bar changed {len(seen) - 1} times: {seen}"
        assert "32/32 items (100 %)" in seen[-1], seen
