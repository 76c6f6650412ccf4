"""Each notebook, run by a person's browser: headless Chromium opens it in JupyterLab (served by the
README's start command), restarts the kernel and runs all cells. No cell may fail, every chart must be
drawn, and nothing may be fetched from outside this machine (a CDN dependency fails here).
Screenshots go to test-artifacts/."""
import os
import shutil
import urllib.parse

import pytest

from conftest import ARTIFACTS, TOKEN, committed, notebook_paths

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                  "--disable-background-networking", "--disable-component-update"]
LOCAL = {"127.0.0.1", "localhost", "::1"}
PLOTLY_MIME = "application/vnd.plotly.v1+json"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "Chromium not found: kernel-setup/test installs it, or set CHROMIUM=/path/to/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.outside_requests = []

    def only_local(route):
        if urllib.parse.urlsplit(route.request.url).hostname in LOCAL:
            route.continue_()
        else:
            context.outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    yield page
    context.close()


def charts_in(nb):
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if PLOTLY_MIME in o.get("data", {}))


def test_runs_in_jupyterlab(lab, page, notebook_path):
    code_cells = sum(1 for c in committed(notebook_path).cells if c.cell_type == "code")
    page.goto(f"{lab}/lab/tree/{urllib.parse.quote(notebook_path.name)}?token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    # JJava reports no status until it first runs code, so JupyterLab shows "Unknown" until then.

    page.click("div.lm-MenuBar-itemLabel:text-is('Kernel')")
    page.click("li.lm-Menu-item:has-text('Restart Kernel and Run All Cells')")
    page.click(".jp-Dialog-button.jp-mod-accept")

    # The last code cell's prompt shows the number of code cells once every cell has run in order.
    last_prompt = page.locator(".jp-CodeCell .jp-InputPrompt").nth(code_cells - 1)
    last_prompt.filter(has_text=f"[{code_cells}]").wait_for(timeout=120_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{notebook_path.stem}.png"), full_page=True)

    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, f"error output in the browser: {errors.first.inner_text()[:500]}"
    charts = charts_in(committed(notebook_path))
    if charts:
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        assert page.locator(".js-plotly-plot").count() == charts
    assert not page.context.outside_requests, f"requests outside this machine: {page.context.outside_requests}"
