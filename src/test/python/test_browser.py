"""Each notebook, run by a person's browser: headless Chromium opens it in JupyterLab (served by the
README's start command), restarts the kernel and runs all cells. No cell may fail, every chart must be
drawn, and nothing may be fetched from outside this machine (a CDN dependency fails here).
Screenshots go to test-artifacts/."""
import urllib.parse

from conftest import ARTIFACTS, TOKEN, committed, notebook_paths

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def charts_in(nb):
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if PLOTLY_MIME in o.get("data", {}))


def test_runs_in_jupyterlab(lab, page, notebook_path):
    code_cells = sum(1 for c in committed(notebook_path).cells if c.cell_type == "code")
    # A workspace of its own, reset: only this notebook is open, whatever ran before.
    workspace = f"run-{notebook_path.stem}"
    page.goto(f"{lab}/lab/workspaces/{workspace}/tree/{urllib.parse.quote(notebook_path.name)}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_selector(".jp-Toolbar-kernelName:has-text('Java (parallel notebooks)')", timeout=60_000)
    page.wait_for_timeout(2_000)  # let the kernel connection settle before the menu command

    page.click("div.lm-MenuBar-itemLabel:text-is('Kernel')")
    page.click("li.lm-Menu-item:has-text('Restart Kernel and Run All Cells')")
    page.click(".jp-Dialog-button.jp-mod-accept")

    # The last code cell's prompt shows the number of code cells once every cell has run in order.
    last_prompt = page.locator(".jp-CodeCell .jp-InputPrompt").nth(code_cells - 1)
    try:
        last_prompt.filter(has_text=f"[{code_cells}]").wait_for(timeout=120_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{notebook_path.stem}.png"))

    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, f"error output in the browser: {errors.first.inner_text()[:500]}"
    charts = charts_in(committed(notebook_path))
    if charts:
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        assert page.locator(".js-plotly-plot").count() == charts
    assert not page.context.outside_requests, f"requests outside this machine: {page.context.outside_requests}"
