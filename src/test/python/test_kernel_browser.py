"""The course kernel as a student meets it in JupyterLab (headless Chromium): first in the launcher,
with its logo, and the default for new notebooks; the status bar reads Idle soon after a notebook
opens and after a restart; Shift+Tab on a library method shows its Javadoc."""
import urllib.parse

from conftest import ARTIFACTS, KERNEL, TOKEN, api

# The status bar's kernel item, "Java (parallel notebooks) | Idle": what a student reads.
IDLE = ".jp-StatusBar-TextItem:text-matches('\\| Idle$')"


def open_notebook(lab, page, name, workspace):
    page.goto(f"{lab}/lab/workspaces/{workspace}/tree/{urllib.parse.quote(name)}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)


def press_until_shown(page, key, locator, tries=3):
    """Presses the key as a student would, again if nothing shows: the notebook may show Idle (from the
    server) a moment before its own connection to the kernel is up, and a key pressed then is lost."""
    for attempt in range(tries):
        page.keyboard.press(key)
        try:
            locator.wait_for(timeout=10_000)
            return
        except Exception:
            if attempt == tries - 1:
                raise


def test_idle_after_open_and_restart(lab, page):
    open_notebook(lab, page, "00-start-here.ipynb", "kernel-status")
    try:
        # "soon": within 30 s, a bound for the busiest test machine (the kernel is ready in about 2 s alone)
        page.wait_for_selector(IDLE, timeout=30_000)
        page.click("div.lm-MenuBar-itemLabel:text-is('Kernel')")
        page.click("li.lm-Menu-item:has-text('Restart Kernel…')")
        page.click(".jp-Dialog-button.jp-mod-accept")
        # the item leaves Idle while the kernel restarts (watched every frame, so no state is missed)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]"
            ".some(e => e.textContent.includes('Java (parallel notebooks) |') && !e.textContent.endsWith('| Idle'))",
            polling="raf", timeout=30_000)
        page.wait_for_selector(IDLE, timeout=30_000)
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "kernel-status.png"))


def test_shift_tab_shows_javadoc(lab, page):
    open_notebook(lab, page, "00-start-here.ipynb", "kernel-inspect")
    page.wait_for_selector(IDLE, timeout=60_000)
    page.locator(".jp-CodeCell .cm-content").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")  # a new cell below, as a student would add one
    page.keyboard.press("Enter")
    page.keyboard.type("Pool.threads")
    tooltip = page.locator(".jp-Tooltip")
    try:
        press_until_shown(page, "Shift+Tab", tooltip)
        text = tooltip.inner_text()
    finally:
        page.screenshot(path=str(ARTIFACTS / "kernel-inspect.png"))
    # Pool.threads()'s Javadoc summary, as written in src/main/java/org/learnparallel/pool/Pool.java
    assert "A pool with one worker thread per processor the JVM sees" in text, text[:500]
    assert "Pool Pool.threads(int workers)" in text, text[:500]


def test_course_kernel_is_the_default_with_a_logo(lab, page):
    specs = api(lab, "/api/kernelspecs")
    assert specs["default"] == KERNEL
    assert {"logo-svg", "logo-64x64"} <= set(specs["kernelspecs"][KERNEL]["resources"])
    page.goto(f"{lab}/lab/workspaces/kernel-launcher?reset&token={TOKEN}")
    first = page.locator(".jp-LauncherCard[data-category='Notebook']").first
    first.wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "kernel-launcher.png"))
    assert "Java (parallel notebooks)" in first.inner_text()
    assert f"kernelspecs/{KERNEL}/logo" in first.locator("img").get_attribute("src")

