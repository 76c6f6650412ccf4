"""Runs each notebook once per test session with the real JJava kernel, for the tests to inspect."""
import contextlib
import copy
import functools
import importlib.util
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient

from challenges import solution_cells

ROOT = pathlib.Path(__file__).resolve().parents[3]
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "java-parallel"
SPARK_KERNEL = "java-parallel-spark"  # the course kernel plus Apache Spark's jars, for these notebooks:
SPARK_NOTEBOOKS = {"07-beyond-one-machine.ipynb"}
# The second run of every notebook is as on a Binder container: one CPU, and less memory than a cluster
# of five JVMs needs when another kernel is open (the library then takes this figure, in MB, as all the
# memory available): notebook 07 shows its recorded cluster run there.
BINDER_MEMORY_MB = "600"
# `ss -ltnpH` taken while a notebook's cluster runs: after its cell tagged "jvms" (see _after_cell), in the
# all-processors run (the run as on Binder has no cluster, and runs beside another notebook)
LISTENING = {}
# The challenges' solution cells, executed after the notebook's own cells in its all-processors run
SOLUTIONS = {}
ARTIFACTS = ROOT / "test-artifacts"  # screenshots and logs, kept for a person to look at
TOKEN = "course-test-token"


# kernel-setup/test runs the tests in two phases. First the tests marked `alone`, one at a time with
# nothing else running: the notebook runs (they measure speed-ups, and the load of the machine or of
# their core) and the tests with a time bound. Then all others at once (pytest-xdist) beside the JUnit
# suites. There the tests of a module in ONE_WORKER run on one worker, one after another, as do those of
# each set in SAME_WORKER: they share a session's JupyterLab and Chromium, or a module's kernel or export.
# None of them writes to the committed notebooks, which each JupyterLab checks at its end: the browser
# tests run scratch notebooks, and RISE (which saves a notebook when it opens its deck) presents copies,
# each in a folder of its own under notebooks/.
ALONE = pytest.mark.alone
SAME_WORKER = [{"test_kernel_browser.py", "test_slides.py", "test_start.py"}]
ONE_WORKER = {"test_browser.py", "test_export.py", "test_kernel_conformance.py"}
# The longest units of work, handed out first (one each to the first workers), so that none of them
# starts late and ends the phase alone: the Binder replay, the browser tests, the decks.
LONGEST_FIRST = ["test_binder.py::test_post_build_sets_up_a_fresh_environment", "test_browser.py",
                 " ".join(sorted(SAME_WORKER[0]))]


def pytest_configure(config):
    config.addinivalue_line("markers", "alone: needs the machine to itself (kernel-setup/test runs these first, one at a time)")


if importlib.util.find_spec("xdist"):
    def pytest_xdist_make_scheduler(config, log):
        """pytest-xdist's scheduling with the tests of a ONE_WORKER module, or of a SAME_WORKER set, as
        one unit of work, every other test a unit of its own; the LONGEST_FIRST units first. (xdist 3.8's
        own --dist loadgroup does not group under pytest 9: it renames the tests through an attribute
        pytest 9 no longer reads.)"""
        from xdist.scheduler import LoadScopeScheduling

        class Grouped(LoadScopeScheduling):
            def _split_scope(self, nodeid):
                module = nodeid.split("::", 1)[0].rsplit("/", 1)[-1]
                together = [" ".join(sorted(s)) for s in SAME_WORKER if module in s]
                return together[0] if together else module if module in ONE_WORKER else nodeid

            def _assign_work_unit(self, node):
                held = self.assigned_work.get(node, {})
                if any(s.endswith(tuple(LONGEST_FIRST)) and not all(u.values()) for s, u in held.items()):
                    # the worker of a long unit gets a short one to go with it (a worker runs a test once it
                    # knows the next): the last in the queue, which xdist orders by size
                    self.workqueue.move_to_end(next(reversed(self.workqueue)), last=False)
                else:
                    for longest in LONGEST_FIRST:
                        scope = next((s for s in self.workqueue if s.endswith(longest)), None)
                        if scope:
                            self.workqueue.move_to_end(scope, last=False)
                            break
                super()._assign_work_unit(node)

        return Grouped(config, log)


def _not_beside_other_tests():
    """The notebook runs measure speed-ups: a test that asks for one must be marked `alone`, so that
    kernel-setup/test never runs it beside other tests (an xdist worker)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        raise RuntimeError("a notebook run needs the machine to itself: mark the test that asks for it `alone`"
                           " (conftest.ALONE), and run it without pytest-xdist")


def notebook_paths():
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb"))


def kernel_of(path):
    return SPARK_KERNEL if path.name in SPARK_NOTEBOOKS else KERNEL


def committed(path):
    return nbformat.read(path, as_version=4)


def _one_cpu_kernels():
    """Test-only twins of the course kernels that see one processor and a Binder's memory: each pinned
    to one core with taskset (so availableProcessors() is 1 and only that core computes), and told so by
    -XX:ActiveProcessorCount=1 where taskset is missing (then there is one core's set). They live in a
    temporary JUPYTER_PATH entry, so students never see them. Returns, per core, {kernel: its twin}."""
    import tempfile

    root = pathlib.Path(tempfile.mkdtemp(prefix="one-cpu-kernel-"))
    cpus = sorted(os.sched_getaffinity(0)) if shutil.which("taskset") else [None]
    lanes = []
    for cpu in cpus:
        twins = {}
        for kernel in (KERNEL, SPARK_KERNEL):
            course = ROOT / ".venv" / "share" / "jupyter" / "kernels" / kernel
            spec = json.loads((course / "kernel.json").read_text())
            java, *rest = spec["argv"]
            rest = [arg.replace("{resource_dir}", str(course)) for arg in rest]
            pin = [] if cpu is None else ["taskset", "-c", str(cpu)]
            twins[kernel] = f"{kernel}-one-cpu-{cpu or 0}"
            (root / "kernels" / twins[kernel]).mkdir(parents=True)
            (root / "kernels" / twins[kernel] / "kernel.json").write_text(json.dumps(
                {**spec, "argv": [*pin, java, "-XX:ActiveProcessorCount=1", *rest],
                 "env": {**spec.get("env", {}), "LEARNPARALLEL_MEMORY_AVAILABLE_MB": BINDER_MEMORY_MB},
                 "display_name": spec["display_name"] + ", one CPU"}, indent=2))
        lanes.append(twins)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(root), os.environ.get("JUPYTER_PATH")) if p)
    return lanes


@functools.lru_cache(maxsize=None)
def _one_cpu_runs():
    """Every notebook run as on a Binder container (one CPU, little memory): all of them at once, as many at a
    time as there are cores, each on a core of its own (a notebook on one core does not see the others:
    its studies measure the load on its own core only). Nothing else runs meanwhile, so the
    all-processors runs never share the machine. {notebook name: notebook, or the exception it raised}"""
    import queue
    from concurrent.futures import ThreadPoolExecutor

    _not_beside_other_tests()
    lanes = queue.Queue()
    for twins in _one_cpu_kernels():
        lanes.put(twins)
    paths = notebook_paths()
    paths.sort(key=lambda p: -len(committed(p).cells))  # the long ones first, so the lanes end together

    def run(path):
        twins = lanes.get()
        try:
            return _run(path, twins[kernel_of(path)])
        except Exception as e:  # reported by the tests that ask for this notebook
            return e
        finally:
            lanes.put(twins)

    with ThreadPoolExecutor(max_workers=lanes.qsize()) as pool:
        return dict(zip((p.name for p in paths), pool.map(run, paths)))


def _execute_one_cpu(path):
    run = _one_cpu_runs()[path.name]
    if isinstance(run, Exception):
        raise run
    return run


@functools.lru_cache(maxsize=None)
def _execute(path):
    """The notebook's run on its own kernel with every processor, the challenges' solutions after it."""
    _not_beside_other_tests()
    return _run(path, kernel_of(path), all_processors=True)


def _run(path, kernel, all_processors=False):
    nb = copy.deepcopy(committed(path))
    solutions = solution_cells(nb) if all_processors else []
    nb.cells.extend(solutions)
    files_before = set(NOTEBOOKS.rglob("*"))  # a solution may save a file (02's writes a CSV): removed after
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=300,
        coalesce_streams=True,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        on_cell_executed=(lambda cell, **_: _after_cell(path, cell)) if all_processors else None,
    )
    client.execute()  # raises CellExecutionError on the first cell that fails
    if solutions:  # the notebook as it is, and the solutions' outputs apart
        del nb.cells[len(nb.cells) - len(solutions):]
        SOLUTIONS[path.name] = solutions
        for made in sorted(set(NOTEBOOKS.rglob("*")) - files_before, reverse=True):
            made.rmdir() if made.is_dir() else made.unlink()
    return nb


def _after_cell(path, cell):
    """After the cell tagged "jvms": `ss` read until every JVM that the cell printed listens (an executor
    opens its port a moment after it has registered, later on a busy machine) or for 15 s; all kept."""
    if "jvms" in cell.metadata.get("tags", []):
        printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        pids, seen, deadline = set(re.findall(r"pid (\d+)", printed)), [], time.monotonic() + 15
        while True:
            seen.append(subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout)
            if pids <= set(re.findall(r"pid=(\d+)", "".join(seen))) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        LISTENING[path] = "".join(seen)


@pytest.fixture(params=notebook_paths(), ids=lambda p: p.name)
def notebook_path(request):
    return request.param


@pytest.fixture
def executed(notebook_path):
    """The notebook as a clean run with the real kernel leaves it."""
    return _execute(notebook_path)


@pytest.fixture(params=["all processors", "one processor"])
def executed_both_ways(request, notebook_path):
    """The notebook run with every processor, then as on a one-CPU Binder container."""
    return _execute(notebook_path) if request.param == "all processors" else _execute_one_cpu(notebook_path)


class Cell:
    """One executed code cell: its printed text and the text of its value."""

    def __init__(self, cell):
        self.cell = cell
        self.stdout = "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")
        self.stderr = "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stderr")
        results = [o for o in cell.outputs if o.output_type == "execute_result"]
        self.value = results[0].data.get("text/plain") if results else None


def tagged(nb, tag):
    cells = [c for c in nb.cells if c.cell_type == "code" and tag in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"expected one code cell tagged {tag!r}, found {len(cells)}"
    return Cell(cells[0])


def api(base, path, method="GET", body=None):
    """Calls JupyterLab's REST API."""
    request = urllib.request.Request(
        f"{base}{path}", method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def _notebook_bytes():
    return {p: p.read_bytes() for p in notebook_paths()}


@contextlib.contextmanager
def _jupyterlab(tmp_path_factory, *options):
    """JupyterLab, started with the README's start command (plus options); yields its base URL.

    Its user settings and workspaces live in a temporary folder: autosave is off, so the browser
    tests never write their runs into the committed notebooks, and no layout left by an earlier
    session (say, an open slideshow panel) changes what the tests see."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    home = tmp_path_factory.mktemp("jupyterlab")
    docmanager = home / "settings" / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text('{"autosave": false}')
    before = _notebook_bytes()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"jupyterlab-{port}.log", "w")
    process = subprocess.Popen(
        [str(ROOT / "kernel-setup" / "start"), "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={TOKEN}", f"--LabApp.user_settings_dir={home / 'settings'}",
         f"--LabApp.workspaces_dir={home / 'workspaces'}", *options],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            api(base, "/api/status")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"JupyterLab did not start; see {log.name}")
            time.sleep(0.5)
    yield base
    os.killpg(process.pid, 15)
    process.wait(timeout=30)
    log.close()
    changed = [p for p, data in before.items() if p.read_bytes() != data]
    for p in changed:
        p.write_bytes(before[p])
    assert not changed, f"JupyterLab wrote to committed notebooks during the tests (restored): {[p.name for p in changed]}"


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab as a student starts it: opening a notebook starts its kernel."""
    with _jupyterlab(tmp_path_factory) as base:
        yield base


@pytest.fixture(scope="session")
def viewer(tmp_path_factory):
    """JupyterLab for the tests that only look at saved outputs (charts, decks): the same, except that
    opening a notebook starts no kernel, which would only cost CPU there (about 8 CPU-seconds each)."""
    with _jupyterlab(tmp_path_factory, "--LabServerApp.notebook_starts_kernel=False") as base:
        yield base


# The browser tests' Chromium (test_browser, test_slides, test_export, test_kernel_browser): one per
# session, since Playwright's sync API allows one at a time, with one context, so that its pages share
# the HTTP cache (a JupyterLab page loads its scripts once). Chromium resolves no name but localhost, so
# a request that leaves this machine fails at once; the context lists each in context.outside_requests.
# (Not routed through Playwright: routing turns the cache off, and with every request intercepted RISE
# 0.43.1 loses a race between opening the notebook and starting reveal.js and shows the plain notebook.)
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                  "--disable-background-networking", "--disable-component-update",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]
LOCAL = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "Chromium not found: kernel-setup/test installs it, or set CHROMIUM=/path/to/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.outside_requests = []

    def listed(request):
        url = urllib.parse.urlsplit(request.url)  # blob: and data: URLs never leave the page
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in LOCAL:
            context.outside_requests.append(request.url)

    context.on("request", listed)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A new tab; page.context.outside_requests lists the requests that left this machine since."""
    browser_context.outside_requests.clear()
    page = browser_context.new_page()
    yield page
    page.close()


@contextlib.contextmanager
def running_kernel(name=KERNEL):
    """A kernel started in notebooks/, as JupyterLab starts one; yields (manager, client), shut down after."""
    manager, client = start_new_kernel(kernel_name=name, cwd=str(NOTEBOOKS))
    try:
        yield manager, client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
