"""The live view of a pool call, with the real JJava kernel: it is redrawn in place while a map
runs (update_display_data for one display id), and its final state says the call is complete."""
import re

import pytest

from conftest import running_kernel

TIMEOUT = 120


@pytest.fixture(scope="module")
def kernel():
    with running_kernel() as (_, client):
        yield client


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
