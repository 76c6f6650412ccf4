"""The notebooks in a person's browser: headless Chromium opens them in JupyterLab (served by the
README's start command). Every notebook's saved charts must be drawn. Notebook 02, whose live views
update its outputs while cells run, is also run there (restart the kernel, run all cells) and saved, and
the saved file must pass the tests. No cell may fail and nothing may be fetched from outside this
machine (a CDN dependency fails here). Every notebook is already executed twice by test_notebooks (all
processors and one), so running all of them a third time here would add minutes and no new kind of
check. Scratch notebooks live in a folder of their own under notebooks/ (removed after), so that the
committed notebooks' folder holds only them for the tests that read it meanwhile (the export's).
Screenshots go to test-artifacts/."""
import contextlib
import json
import os
import re
import shutil
import urllib.parse

import nbformat

from conftest import ARTIFACTS, NOTEBOOKS, TOKEN, api, committed, notebook_paths
from test_live import ASYNC_MAP, BUSY_MAP

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def charts_in(nb):
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if PLOTLY_MIME in o.get("data", {}))


def menu(page, menu_name, item):
    page.click(f"div.lm-MenuBar-itemLabel:text-is('{menu_name}')")
    page.click(f"li.lm-Menu-item:has-text('{item}')")


def open_notebook(base, page, notebook_path, workspace, kernel=True):
    """Opens the notebook in a workspace of its own, reset (only this notebook open, whatever ran
    before), and waits for its kernel (in `viewer`, kernel=False: for the toolbar to say there is none)."""
    where = urllib.parse.quote(notebook_path.relative_to(NOTEBOOKS).as_posix())
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/{where}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    kernel_name = committed(notebook_path).metadata.kernelspec.display_name if kernel else "No Kernel"
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


def test_saved_charts_draw_in_jupyterlab(viewer, page, notebook_path):
    """Every chart saved in the notebook draws when it opens in JupyterLab (from its saved outputs: no kernel
    needed, so in `viewer`), with nothing fetched from outside this machine."""
    open_notebook(viewer, page, notebook_path, f"open-{notebook_path.stem}", kernel=False)
    wait_for_charts(page, notebook_path, f"{notebook_path.stem}-saved.png")
    assert not page.context.outside_requests, f"requests outside this machine: {page.context.outside_requests}"


def restart_and_run_all(page, code_cells):
    """Kernel > Restart Kernel and Run All Cells, once the kernel is idle (a restart while the first
    kernel still starts can leave the run waiting), on cleared outputs: the committed notebook's last
    prompt already reads [n] and its charts are drawn. Returns when the last prompt reads [n] again."""
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length === 0", timeout=10_000)
    last_prompt = page.locator(".jp-CodeCell .jp-InputPrompt").nth(code_cells - 1)
    last_prompt.filter(has_text="[ ]").wait_for(timeout=10_000)
    menu(page, "Kernel", "Restart Kernel and Run All Cells")
    page.click(".jp-Dialog-button.jp-mod-accept")
    # the first prompt shows that the run has started ([*] or [1]) before the long wait
    page.locator(".jp-CodeCell .jp-InputPrompt").first.filter(has_text=re.compile(r"\[(\*|1)\]")).wait_for(timeout=120_000)
    last_prompt.filter(has_text=f"[{code_cells}]").wait_for(timeout=300_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=180_000)


STUDENT_FIGURE = """Table squares = Table.create("squares", IntColumn.create("x", 1, 2, 3, 4), IntColumn.create("y", 1, 4, 9, 16));
ScatterPlot.create("A student's squares", squares, "x", "y")"""


@contextlib.contextmanager
def scratch_folder():
    """notebooks/scratch-browser-tests/, removed after: scratch notebooks there run as beside the
    committed ones (their data/ is linked in), and the committed notebooks' folder gains no file."""
    folder = NOTEBOOKS / "scratch-browser-tests"
    shutil.rmtree(folder, ignore_errors=True)  # left by an interrupted run
    folder.mkdir()
    try:
        os.symlink("../data", folder / "data")
        yield folder
    finally:
        shutil.rmtree(folder)


@contextlib.contextmanager
def scratch_cell(lab, page, name, source):
    """A one-cell scratch notebook in the scratch folder (removed after), open in JupyterLab on the
    course kernel, its cell run with Shift+Enter."""
    kernelspec = committed(notebook_paths()[0]).metadata.kernelspec
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)], metadata={"kernelspec": dict(kernelspec)})
    with scratch_folder() as folder:
        path = f"{folder.name}/{name}"
        api(lab, f"/api/contents/{path}", "PUT", {"type": "notebook", "format": "json", "content": nb})
        try:
            page.goto(f"{lab}/lab/workspaces/{name[:-len('.ipynb')]}/tree/{path}?reset&token={TOKEN}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            page.wait_for_selector(f".jp-Toolbar-kernelName:has-text('{kernelspec.display_name}')", timeout=60_000)
            page.wait_for_timeout(2_000)
            page.click(".jp-CodeCell .jp-InputArea-editor")
            page.keyboard.press("Shift+Enter")
            yield
        finally:
            api(lab, f"/api/contents/{path}", "DELETE")


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


# Run in the browser and saved: 02, a notebook with live views (display updates while a cell runs) and charts.
RUN_IN_BROWSER = "02-cpu-vs-core.ipynb"


def run_and_save(lab, page, source, scratch, code_count):
    """Restart and Run All, then File > Save, on a copy of the notebook at scratch (in the scratch folder);
    returns the notebook as JupyterLab saved it."""
    name = scratch.relative_to(NOTEBOOKS).as_posix()
    api(lab, f"/api/contents/{name}", "PUT", {"type": "notebook", "format": "json",
                                              "content": json.loads(nbformat.writes(committed(source)))})
    try:
        open_notebook(lab, page, scratch, "run-and-save")
        try:
            restart_and_run_all(page, code_count)
        finally:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{source.stem}-run.png"))
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert errors.count() == 0, f"error output in the browser: {errors.first.inner_text()[:500]}"
        wait_for_charts(page, source, f"{source.stem}-run.png")
        assert not page.context.outside_requests, f"requests outside this machine: {page.context.outside_requests}"
        menu(page, "File", "Save Notebook")
        page.wait_for_function("!document.querySelector('.jp-mod-dirty')", timeout=30_000)
        return nbformat.from_dict(api(lab, f"/api/contents/{name}")["content"])
    finally:
        api(lab, f"/api/contents/{name}", "DELETE")


def test_a_notebook_run_and_saved_in_jupyterlab_passes_the_tests(lab, page):
    """The README's way: Restart and Run All in JupyterLab, then File > Save, on a scratch copy of 02 (the
    committed notebook stays untouched). No cell fails or writes to stderr in the browser, every chart is
    drawn, nothing is fetched from outside. JupyterLab's Plotly renderer saves an image/png beside each
    chart: the saved notebook must still pass the freshness comparison and 02's own output checks, and
    the export shows each chart once. (Every notebook already runs twice in test_notebooks; 02 runs a
    third time here because its live views update the page only in a browser.)"""
    from checks import CHECKS
    from test_committed_notebooks import code_cells, shape
    from test_export import export_module

    source = next(p for p in notebook_paths() if p.name == RUN_IN_BROWSER)
    code_count = len(code_cells(committed(source)))
    with scratch_folder() as folder:
        saved = run_and_save(lab, page, source, folder / f"scratch-saved-{RUN_IN_BROWSER}", code_count)

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


# The first live view's progress line as the page shows it now (JupyterLab re-renders an output when it is
# updated, so a node found earlier may be stale)
LIVE_PROGRESS = "document.querySelector('.learnparallel-live svg text')?.textContent ?? ''"


def test_an_async_calls_view_shows_in_its_cell_after_the_cell_ended(lab, page):
    """mapAsync's cell ends at once; its 1.2 s call's view comes after, while no cell runs, and shows in
    that cell's output until it is complete."""
    with scratch_cell(lab, page, "scratch-async-view.ipynb", ASYNC_MAP):
        page.locator(".jp-CodeCell .jp-InputPrompt").first.filter(has_text="[1]").wait_for(timeout=60_000)
        try:
            page.wait_for_function(f"({LIVE_PROGRESS}).includes('16/16 items (100 %)')", timeout=30_000)
        finally:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "live-view-async.png"))
        assert page.locator(".jp-CodeCell").first.locator(".learnparallel-live").count() == 1


def test_the_stop_button_leaves_a_view_that_says_stopped(lab, page):
    """A 10 s map of busy items watched live, stopped (Kernel > Interrupt Kernel, the stop button's command)
    once some items are done: the cell ends with an error and the view's last state says the call stopped,
    short of its 80 items. (JJava ends the cell at once and shows nothing that a cell sends after it has
    ended; the view's final frame comes a moment later, through its own cell's channel.)"""
    with scratch_cell(lab, page, "scratch-stopped-view.ipynb", BUSY_MAP):
        page.wait_for_function(f"/ [1-9]\\d*\\/80 items/.test({LIVE_PROGRESS})", timeout=60_000)  # mid-map
        menu(page, "Kernel", "Interrupt Kernel")
        page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").first.wait_for(timeout=30_000)
        try:
            page.wait_for_function(f"({LIVE_PROGRESS}).includes('stopped')", timeout=10_000)
        finally:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "live-view-stopped.png"))
        final = page.evaluate(LIVE_PROGRESS)
        done = re.search(r"2 workers: (\d+)/80 items \(\d+ %\), [\d.]+ s, [\d.]+ items/s, stopped", final)
        assert done and int(done.group(1)) < 80, final
