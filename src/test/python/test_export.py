"""Static export: kernel-setup/export writes the course as web pages; a page with charts opens in
headless Chromium from a local web server, draws every chart with the plotly.js copied beside it, and
fetches nothing from outside this machine. Screenshot in test-artifacts/."""
import functools
import http.server
import re
import subprocess
import threading
import time

import pytest

from conftest import ARTIFACTS, NOTEBOOKS, ROOT, committed, notebook_paths
from test_browser import charts_in


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "site"
    start = time.monotonic()
    subprocess.run([str(ROOT / "kernel-setup" / "export"), str(out)], check=True, timeout=600)
    print(f"kernel-setup/export took {time.monotonic() - start:.1f} s")
    return out


@pytest.fixture(scope="module")
def served(site):
    """The exported site on a local web server; yields its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_writes_a_page_per_notebook_and_the_course_map(site):
    pages = [p.stem for p in notebook_paths()]
    assert sorted(p.stem for p in site.glob("*.html")) == sorted(pages + ["index"])
    index = (site / "index.html").read_text()
    for stem in pages:
        assert f'href="{stem}.html"' in index, f"the course map does not link {stem}.html"
    assert sorted(p.name for p in (site / "figures").iterdir()) == sorted(p.name for p in (NOTEBOOKS / "figures").iterdir())
    assert [p.name for p in site.rglob("plotly*.js")] == ["plotly.min.js"], "plotly.js is copied once"
    # links between notebooks lead to their pages
    start_here = (site / "00-start-here.html").read_text()
    assert 'href="01-process-vs-thread.html"' in start_here and ".ipynb\"" not in start_here


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_pages_load_nothing_from_the_internet(site, path):
    text = (site / f"{path.stem}.html").read_text()
    remote = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="((?:https?:)?//[^"]+)"', text)
    assert not remote, f"{path.stem}.html loads {remote}"
    charts = charts_in(committed(path))
    assert text.count('class="course-plotly"') == charts
    assert ('<script src="plotly.min.js"></script>' in text) == bool(charts)


def test_a_page_draws_its_charts_offline(served, page):
    with_charts = [p for p in notebook_paths() if charts_in(committed(p))]
    assert with_charts, "no notebook has a chart (notebook 00's self-test draws one)"
    path = with_charts[0]
    charts = charts_in(committed(path))

    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{served}/{path.stem}.html")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length === {charts}", timeout=30_000)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"export-{path.stem}.png"), full_page=True)

    assert not errors, f"script errors on {path.stem}.html: {errors}"
    # each chart drew its traces, not only an empty frame
    assert page.locator(".js-plotly-plot .main-svg .trace").count() >= charts
    assert not page.context.outside_requests, f"requests outside this machine: {page.context.outside_requests}"

    page.goto(f"{served}/index.html")
    page.click(f"a[href='{path.stem}.html']")
    page.wait_for_url(f"**/{path.stem}.html")


def test_the_course_map_renders_its_markdown(site):
    index = (site / "index.html").read_text()
    rows = index[index.index("<table>"):]
    assert "<em>wait</em>" in rows and "<em>k</em>" in rows, "emphasis in the questions is rendered"
    assert not re.search(r"(?<![*\w])\*\w[^*<]*\*(?![*\w])", rows), "a literal *emphasis* is left in the course map"
    assert "`" not in rows, "a literal `code` is left in the course map"


def export_module():
    """kernel-setup/export as a module (pytest runs in .venv: the script does not re-exec itself)."""
    import importlib.machinery
    import importlib.util
    loader = importlib.machinery.SourceFileLoader("course_export", str(ROOT / "kernel-setup" / "export"))
    spec = importlib.util.spec_from_loader("course_export", loader)
    export = importlib.util.module_from_spec(spec)
    loader.exec_module(export)
    return export


def test_a_chart_saved_with_its_png_is_shown_once(tmp_path):
    """JupyterLab saves an image/png beside each Plotly figure: the page shows only the interactive one."""
    import nbformat
    export = export_module()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("chart", outputs=[nbformat.v4.new_output(
        "display_data", data={export.PLOTLY_MIME: {"data": [{"type": "bar", "y": [1]}], "layout": {}},
                              "image/png": "iVBORw0KGgo=", "text/plain": "chart"})])])
    nb, resources = export.PlotlyToHtml().preprocess(nb, {"metadata": {"name": "t"}})
    assert resources["plotly_charts"] == 1
    assert list(nb.cells[0].outputs[0]["data"]) == ["text/html"]
    assert 'class="course-plotly"' in nb.cells[0].outputs[0]["data"]["text/html"]
