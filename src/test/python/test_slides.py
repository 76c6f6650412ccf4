"""Lecture mode: every notebook carries the slide types kernel-setup/slides gives it, and RISE
(jupyterlab-rise) presents a notebook as reveal.js slides from JupyterLab's toolbar, offline.

RISE saves a notebook when it opens its deck: the decks are opened from copies of the notebooks in
notebooks/scratch-decks/ (beside them, with the folder's rise.css, figures/ and data/ linked in;
removed after), so that the committed notebooks stay as they are for the tests that run meanwhile."""
import copy
import importlib.machinery
import importlib.util
import json
import os
import re
import shutil
import urllib.parse

import pytest

from conftest import ARTIFACTS, NOTEBOOKS, ROOT, TOKEN, committed, notebook_paths


def load_slides():
    """kernel-setup/slides, imported as a module (the script has no .py suffix)."""
    path = ROOT / "kernel-setup" / "slides"
    loader = importlib.machinery.SourceFileLoader("kernel_setup_slides", str(path))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


slides = load_slides()


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_notebook_has_its_slide_types(path):
    assert slides.expected(path) == path.read_text(encoding="utf-8"), (
        f"{path.name}: slide types missing or out of date: run kernel-setup/slides {path.relative_to(ROOT)}")


def md(source, **extra):
    return {"cell_type": "markdown", "metadata": {}, "source": source, **extra}


def code(source, outputs=(), count=None):
    return {"cell_type": "code", "metadata": {}, "source": source, "outputs": list(outputs),
            "execution_count": count}


def test_slide_types_follow_the_structure():
    output = {"output_type": "stream", "name": "stdout", "text": ["42\n"]}
    nb = {"cells": [
        md("# 99 · Title\n\n> **Teaching:** 5 min"),
        md("## 1. First section\n\nText."),
        code("int x = 42;", [output], 1),
        md("What the output means."),
        md("More of the same."),
        md("### A smaller point"),
        md("## Challenges\n\n**Challenge 1: one.** Do it."),
        md("<details>\n<summary>Solution</summary>\n\nDone.\n</details>"),
        md("**Challenge 2: two.** Again."),
        md("## Keypoints\n\n- One.\n\n## Instructor notes\n\n- Say it.\n\n```java\n## not a heading\n```"),
        md("- Another note."),
        code("// for the instructor", [], 2),
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    for i, cell in enumerate(nb["cells"]):
        cell["id"] = f"cell-{i}"
    before = copy.deepcopy(nb)
    after = slides.apply(nb)
    types = [(c["metadata"]["slideshow"]["slide_type"], "".join(c["source"]).split("\n")[0]) for c in after["cells"]]
    assert types == [
        ("slide", "# 99 · Title"),
        ("slide", "## 1. First section"),
        ("-", "int x = 42;"),
        ("subslide", "What the output means."),
        ("-", "More of the same."),
        ("subslide", "### A smaller point"),
        ("slide", "## Challenges"),
        ("-", "<details>"),
        ("subslide", "**Challenge 2: two.** Again."),
        ("slide", "## Keypoints"),
        ("notes", "## Instructor notes"),   # split from the Keypoints cell
        ("notes", "- Another note."),
        ("notes", "// for the instructor"),
    ]
    assert "".join(after["cells"][9]["source"]) == "## Keypoints\n\n- One."
    assert "".join(after["cells"][10]["source"]).endswith("```java\n## not a heading\n```")
    assert len({c["id"] for c in after["cells"]}) == len(after["cells"])
    # code, outputs and execution counts are untouched
    old_code = [c for c in before["cells"] if c["cell_type"] == "code"]
    new_code = [c for c in after["cells"] if c["cell_type"] == "code"]
    assert [(c["source"], c["outputs"], c["execution_count"]) for c in new_code] == [
        (c["source"], c["outputs"], c["execution_count"]) for c in old_code]
    assert after["metadata"]["rise"]["theme"] == "white"
    # idempotent
    again = slides.apply(json.loads(slides.dumps(after)))
    assert slides.dumps(again) == slides.dumps(after)


PRESENTED = NOTEBOOKS / "00-start-here.ipynb"


@pytest.fixture
def decks():
    """notebooks/scratch-decks/: a copy of every notebook, and links to what their decks load beside them;
    made again for each test, since RISE's save changes a notebook (its deck then shows no chart)."""
    folder = NOTEBOOKS / "scratch-decks"
    shutil.rmtree(folder, ignore_errors=True)  # left by an interrupted run
    folder.mkdir()
    try:
        for path in notebook_paths():
            shutil.copy2(path, folder / path.name)
        for shared in ("rise.css", "figures", "data"):
            os.symlink(f"../{shared}", folder / shared)
        yield folder
    finally:
        shutil.rmtree(folder)


def test_rise_presents_a_notebook(viewer, page, decks):
    """Opens the notebook in JupyterLab and clicks RISE's toolbar button ("Render as Reveal
    Slideshow"): the slides render in a panel beside the notebook (an iframe on /rise/<path>). In
    `viewer` (no kernel starts): a deck shows saved outputs."""
    nb = committed(PRESENTED)
    title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
    slide_count = sum(1 for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "slide")
    page.goto(f"{viewer}/lab/workspaces/slides-test/tree/{decks.name}/{urllib.parse.quote(PRESENTED.name)}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    button = page.locator(".jp-NotebookPanel-toolbar > [data-jp-item-name='RISE-button'] button:visible").first
    button.wait_for(timeout=30_000)
    page.wait_for_timeout(1_000)  # the toolbar settles its layout
    button.click()

    frame = page.frame_locator("iframe[src*='/rise/']")
    current = frame.locator(".reveal .slides > section.present").first
    current.wait_for(timeout=90_000)
    page.wait_for_timeout(1_000)  # let the slide finish drawing before the screenshot
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"slides-{PRESENTED.stem}.png"))

    assert title.upper() in " ".join(current.inner_text().upper().split()), current.inner_text()[:300]
    assert frame.locator(".reveal .slides > section").count() == slide_count
    assert not page.context.outside_requests, f"requests outside this machine: {page.context.outside_requests}"


# Walks the deck from its first slide, as the Space key would (down, else right; transition "none", and the
# decks have no fragments), with reveal.js's own arrows; for each slide: where it is (horizontal/vertical
# index) and how far its cells reach (a cell's box holds what scrolls inside it). In the page, so that a
# deck of 36 slides takes one round trip instead of 72.
WALK = """() => { const slides = [], seen = new Set();
  for (;;) {
    const hs = [...document.querySelectorAll('.reveal .slides > section')];
    const h = hs.findIndex(s => s.classList.contains('present'));
    const v = [...hs[h].querySelectorAll(':scope > section')].findIndex(s => s.classList.contains('present'));
    const position = h + '/' + v;
    if (seen.has(position)) break;
    seen.add(position);
    const s = [...document.querySelectorAll('.reveal .slides section.present')].pop();
    let bottom = 0, right = 0;
    for (const e of s.querySelectorAll('.jp-Cell')) {
      const r = e.getBoundingClientRect();
      if (r.width && r.height) { bottom = Math.max(bottom, r.bottom); right = Math.max(right, r.right); }
    }
    slides.push({position, bottom, right, text: s.innerText.trim().split('\\n')[0].slice(0, 60)});
    const next = document.querySelector('.reveal .controls .navigate-down.enabled')
      || document.querySelector('.reveal .controls .navigate-right.enabled');
    if (!next) break;
    next.click();
  }
  return slides; }"""
# Plotly charts drawn by plotly.js in the deck (a live plot has its layout; its PNG twin stays hidden)
LIVE_CHARTS = """() => [...document.querySelectorAll('.reveal .js-plotly-plot')]
  .filter(p => p._fullLayout && p.querySelector('.main-svg')).length"""
PLOTLY_MIME = "application/vnd.plotly.v1+json"
# Resolves with the present slide's extent once it has stayed the same for half a second: RISE renders the
# cells after reveal.js is ready and reveal.js rescales the deck after that, later on a loaded machine.
SETTLED = """() => new Promise(resolve => {
  const extent = () => [...[...document.querySelectorAll('.reveal .slides section.present')].pop()
    .querySelectorAll('.jp-Cell')].map(e => e.getBoundingClientRect())
    .map(r => Math.round(r.right) + 'x' + Math.round(r.bottom)).join(' ');
  let last = extent(), same = 0;
  const tick = () => { const now = extent(); same = now === last ? same + 1 : 0; last = now;
    if (same >= 2) resolve(now); else setTimeout(tick, 250); };
  setTimeout(tick, 250); })"""
SUBPIXEL = 1  # reveal.js centres a slide at fractional pixels: a full-width cell may end at 1280.6


def open_deck(viewer, context, path, folder):
    """Starts loading /rise/<notebook> in a tab of its own, 1280x720, as a lecturer would open it;
    returns the page and the list its console errors go to."""
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 720})
    errors = []
    page.on("console", lambda m: errors.append(m.text.splitlines()[0]) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_default_timeout(90_000)
    page.goto(f"{viewer}/rise/{folder.name}/{urllib.parse.quote(path.name)}?token={TOKEN}", wait_until="commit")
    return page, errors


def deck_problems(path, page, errors):
    """What is wrong with the deck of this notebook, walked slide by slide."""
    nb = committed(path)
    title = re.sub(r"[`*]", "", nb.cells[0].source.splitlines()[0].lstrip("# ").strip())  # as rendered
    slides = sum(1 for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") in ("slide", "subslide"))
    charts = sum(1 for c in nb.cells for o in c.get("outputs", []) if PLOTLY_MIME in o.get("data", {}))
    try:
        page.locator(".reveal .slides > section.present").first.wait_for()
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"deck-{path.stem}.png"))
        raise
    page.wait_for_timeout(500)
    page.evaluate(SETTLED)
    problems = []
    first = page.locator(".reveal .slides > section.present").first.inner_text()
    if title.upper() not in " ".join(first.upper().split()):
        problems.append(f"{path.name}: the first slide does not show the title {title!r}: {first[:200]!r}")
    seen = page.evaluate(WALK)
    for slide in seen:
        if slide["bottom"] > 720 + SUBPIXEL or slide["right"] > 1280 + SUBPIXEL:
            problems.append(f"{path.name} slide {slide['position']} ({slide['text']!r}) reaches "
                            f"{slide['right']:.0f}x{slide['bottom']:.0f}")
    if len(seen) != slides:
        problems.append(f"{path.name}: walked {len(seen)} slides, the notebook has {slides}")
    if (live := page.evaluate(LIVE_CHARTS)) != charts:
        problems.append(f"{path.name}: {live} interactive Plotly charts in the deck, {charts} in the notebook")
    if errors:
        problems.append(f"{path.name}: {len(errors)} console errors, first: {errors[0]}")
    return problems


def test_every_deck_opens_from_its_own_url_and_fits_1280x720(viewer, browser_context, decks):
    """Each notebook at /rise/<notebook> in a tab of its own shows its deck (not the plain notebook; the
    title first, every slide and subslide), every slide's cells within 1280x720, its charts as live
    Plotly charts, no console error (RISE 0.43.1 logged dozens of RangeErrors before kernel-setup/setup
    patched the fast-foundation it bundles) and no request leaving this machine. In `viewer`: a deck
    shows saved outputs, no kernel starts."""
    browser_context.outside_requests.clear()
    problems = []
    for path in notebook_paths():  # one at a time: a deck laid out while another is walked came out 8 px too wide
        for attempt in (1, 2):  # a real overflow shows on every load; a layout race (seen once in CI) may not
            page, errors = open_deck(viewer, browser_context, path, decks)
            try:
                found = deck_problems(path, page, errors)
            finally:
                page.close()
            if not found:
                break
            print(f"{path.name}, load {attempt}:", *found, sep="\n  ")
        problems += found
    assert not browser_context.outside_requests, f"requests outside this machine: {browser_context.outside_requests}"
    assert not problems, "\n".join(problems)
