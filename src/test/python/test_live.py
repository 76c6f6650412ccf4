"""The live view of a pool call, with the real JJava kernel: it is redrawn in place while a map
runs (update_display_data for one display id), and its final state says the call is complete, or
stopped when the cell was interrupted."""
import queue
import re
import time

import pytest

from conftest import ALONE, running_kernel

pytestmark = ALONE

TIMEOUT = 120

# Cells that the browser tests run too (test_browser.py): a watched mapAsync of 16 × 150 ms items, and a
# watched map of 80 busy items of 250 ms that ignore interrupts, as a student's CPU-bound lambda does
ASYNC_MAP = """Pool asyncPool = Live.watch(Pool.threads(2));
var later = asyncPool.mapAsync(x -> { Thread.sleep(150); return x; }, IntStream.range(0, 16).boxed().toList(), 1);"""
BUSY_MAP = """try (Pool pool = Live.watch(Pool.threads(2))) {
    pool.map(x -> { long end = System.nanoTime() + 250_000_000L; while (System.nanoTime() < end) { } return x; },
        IntStream.range(0, 80).boxed().toList());
}"""


@pytest.fixture(scope="module")
def managed_kernel():
    with running_kernel() as (manager, client):
        yield manager, client


@pytest.fixture(scope="module")
def kernel(managed_kernel):
    return managed_kernel[1]


def messages(client, code):
    """Executes code; returns every IOPub message it caused, in order."""
    seen = []
    reply = client.execute_interactive(code, timeout=TIMEOUT, output_hook=seen.append)
    assert reply["content"]["status"] == "ok", [m["content"] for m in seen if m["msg_type"] == "error"]
    return seen


def test_a_two_second_map_is_redrawn_in_place_and_ends_complete(kernel):
    seen = messages(kernel, """
        List<Integer> done;
        try (Pool pool = Live.watch(Pool.threads(2))) {
            done = pool.map(x -> { Thread.sleep(250); return x; }, IntStream.range(0, 16).boxed().toList());
        }
        System.out.println("results: " + done.size());
        System.out.println("live threads: " + Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("live-view")).count());
        """)
    shown = [m for m in seen if m["msg_type"] == "display_data"]
    assert len(shown) == 1, f"one live view expected, got {len(shown)}"
    view_id = shown[0]["content"]["transient"]["display_id"]
    updates = [m for m in seen if m["msg_type"] == "update_display_data"
               and m["content"]["transient"]["display_id"] == view_id]
    assert len(updates) >= 5, f"only {len(updates)} updates of the live view in a 2 s map"
    final = updates[-1]["content"]["data"]
    assert re.match(r"2 workers: 16/16 items \(100 %\)", final["text/plain"]), final["text/plain"]
    assert "<svg" in final["text/html"] and "<script" not in final["text/html"]
    assert "CPU per logical processor" in final["text/html"] and "Task stream" in final["text/html"]
    # the progress went up while it ran: the frames' item counts never go down, and some were partial
    counts = [int(re.search(r": (\d+)/16 items", u["content"]["data"]["text/plain"]).group(1)) for u in updates]
    assert counts == sorted(counts) and any(0 < c < 16 for c in counts), counts
    printed = "".join(m["content"]["text"] for m in seen if m["msg_type"] == "stream")
    assert "results: 16" in printed
    assert "live threads: 0" in printed, "the live view's thread outlived the call"


def test_a_short_call_shows_no_view(kernel):
    seen = messages(kernel, """
        try (Pool pool = Live.watch(Pool.threads(2))) {
            pool.map(x -> x + 1, IntStream.range(0, 100).boxed().toList());
        }
        """)
    assert not [m for m in seen if m["msg_type"] in ("display_data", "update_display_data")]


def test_the_last_call_becomes_a_timeline(kernel):
    seen = messages(kernel, """
        try (Pool pool = Live.watch(Pool.threads(2))) {
            pool.map(x -> { Thread.sleep(100); return x; }, IntStream.range(0, 8).boxed().toList());
        }
        System.out.println(Live.last().get());
        System.out.println(Live.lastTimeline().spans().size());
        """)
    printed = "".join(m["content"]["text"] for m in seen if m["msg_type"] == "stream")
    assert "2 workers: 8/8 items (100 %)" in printed
    assert printed.strip().endswith("8"), printed  # chunksize 1 for 8 items on 2 workers: 8 chunks


def test_an_async_calls_view_is_drawn_in_its_own_cell_after_that_cell_ended(managed_kernel):
    """mapAsync returns at once and its cell ends: the view is drawn later, while no cell runs (JJava
    drops what a cell sends after it has ended, so the view draws through its own cell's channel), and
    belongs to that cell (its parent message), where JupyterLab shows it."""
    _, client = managed_kernel
    msg_id = client.execute(ASYNC_MAP)
    seen = []
    iopub_until_idle(client, msg_id, seen)
    assert not [m for m in seen if m["msg_type"] in ("display_data", "update_display_data")], "drawn before the cell ended"
    iopub_until(client, seen, lambda: any("(100 %)" in m["content"].get("data", {}).get("text/plain", "") for m in seen), 30)
    frames = [m for m in seen if m["msg_type"] in ("display_data", "update_display_data")]
    assert frames and frames[0]["msg_type"] == "display_data", f"no view was shown after the cell ended: {[m['msg_type'] for m in seen]}"
    assert all(m["parent_header"].get("msg_id") == msg_id for m in frames), "a frame went to another cell"
    assert len({m["content"]["transient"]["display_id"] for m in frames}) == 1
    assert re.match(r"2 workers: 16/16 items \(100 %\)", frames[-1]["content"]["data"]["text/plain"]), frames[-1]["content"]["data"]
    printed = run_ok(client, """
        System.out.println("results: " + later.get().size());
        asyncPool.close();
        System.out.println("live threads: " + Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("live-view")).count());
        """)
    assert "results: 16" in printed and "live threads: 0" in printed, printed


def iopub_until_idle(client, msg_id, seen):
    """Appends the cell's IOPub messages to seen until the kernel says the cell is over (status idle)."""
    while True:
        msg = client.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        seen.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return


def iopub_until(client, seen, done, seconds):
    """Appends IOPub messages to seen until done() or for at most `seconds`."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        try:
            seen.append(client.get_iopub_msg(timeout=0.5))
        except queue.Empty:
            pass


def test_an_interrupted_map_stops_its_view(managed_kernel):
    manager, client = managed_kernel
    # busy items that ignore interrupts: their chunks (10 items, 2.5 s) go on after the interrupt, and the
    # view must not follow them
    msg_id = client.execute(BUSY_MAP)
    seen, view_id = [], None
    while view_id is None or sum(m["msg_type"] == "update_display_data" for m in seen) < 3:  # mid-map
        msg = client.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id:
            seen.append(msg)
            if msg["msg_type"] == "display_data":
                view_id = msg["content"]["transient"]["display_id"]
    manager.interrupt_kernel()  # the stop button
    reply = next(r for r in iter(lambda: client.get_shell_msg(timeout=TIMEOUT), None)
                 if r["parent_header"].get("msg_id") == msg_id)
    assert reply["content"]["status"] == "error", f"the cell was not interrupted: {reply['content']}"
    iopub_until_idle(client, msg_id, seen)

    def frames():
        return [m["content"]["data"]["text/plain"] for m in seen if m["msg_type"] in ("display_data", "update_display_data")
                and m["content"].get("transient", {}).get("display_id") == view_id]

    # JJava answers the interrupt at once (it cancels the cell's Future) without waiting for the cell's
    # thread, whose last act is to draw the view's final frame: that frame often follows the cell's idle
    # status (5 of 12 times in a warm kernel here), and arrives because the view draws through its own
    # cell's channel, not through JJava's display stream, which drops what comes after the cell ended
    iopub_until(client, seen, lambda: "(whole call)" in frames()[-1], 10)
    final = frames()[-1]
    settled = len(frames())
    time.sleep(1.0)  # the interrupted chunks are still running: nothing of theirs may be drawn
    while True:
        try:
            seen.append(client.get_iopub_msg(timeout=0.2))
        except queue.Empty:
            break
    assert len(frames()) == settled, f"the live view was redrawn after its final frame: {frames()[settled:]}"
    done = re.match(r"2 workers: (\d+)/80 items \(\d+ %\), [\d.]+ s, [\d.]+ items/s, stopped · CPU \(whole call\)", final)
    assert done and int(done.group(1)) < 80, f"the view's last state does not say the call stopped: {final}"
    printed = run_ok(client, """
        System.out.println(Live.last().get());
        System.out.println("live threads: " + Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("live-view")).count());
        """)
    assert final in printed, "Live.last() tells the same final state"
    assert "live threads: 0" in printed, "the interrupted call's live-view thread still runs"


def run_ok(client, code):
    return "".join(m["content"]["text"] for m in messages(client, code) if m["msg_type"] == "stream")
