"""The stop button on notebook 06's longest blocking cells (a parallel stream of waits, 10,000 waiting
tasks): each one ends within a second of the interrupt, and leaves no pool thread running and the kernel
usable."""
import time

import pytest

from conftest import ALONE, NOTEBOOKS, committed, running_kernel

pytestmark = ALONE

NOTEBOOK = NOTEBOOKS / "06-the-java-you-will-write.ipynb"
TIMEOUT = 120


@pytest.fixture(scope="module")
def kernel():
    with running_kernel() as (manager, client):
        yield manager, client


def cell(tag):
    [source] = [c.source for c in committed(NOTEBOOK).cells if tag in c.metadata.get("tags", [])]
    return source


def run(client, code):
    out = []

    def hook(msg):
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "execute_result":
            out.append(msg["content"]["data"]["text/plain"])

    reply = client.execute_interactive(code, timeout=TIMEOUT, output_hook=hook)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(out)


def threads_named(pattern):
    return f'Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().matches("{pattern}")).count()'


def first_output(client, msg_id):
    """Waits for the cell's first printed line: by then it is running, not being compiled (JJava's
    interrupt stops running code only)."""
    while True:
        msg = client.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] in ("stream", "error"):
            return


# (cell, whether to wait for its first output, seconds before the interrupt, the threads it starts);
# in this order, so that the custom ForkJoinPool is checked before virtual threads start carriers of the
# same name pattern. virtual-waits prints at its end only: 2.5 s into it, it is in its 5 s fixed pool.
CASES = [("stream-pools", True, 0.2, "ForkJoinPool-\\\\d+-worker-\\\\d+"),
         ("virtual-waits", False, 2.5, "pool-\\\\d+-thread-\\\\d+")]


@pytest.mark.parametrize("tag, wait_for_output, after, threads", CASES)
def test_an_interrupt_stops_the_cell_within_a_second(kernel, tag, wait_for_output, after, threads):
    manager, client = kernel
    run(client, next(c.source for c in committed(NOTEBOOK).cells if c.cell_type == "code"))  # the helpers
    if tag == "virtual-waits":
        run(client, cell("virtual-setup"))
    msg_id = client.execute(cell(tag))
    if wait_for_output:
        first_output(client, msg_id)
    time.sleep(after)
    interrupted = time.monotonic()
    manager.interrupt_kernel()  # the stop button
    while True:
        reply = client.get_shell_msg(timeout=TIMEOUT)
        if reply["msg_type"] == "execute_reply":
            break
    took = time.monotonic() - interrupted
    assert reply["content"]["status"] == "error", f"{tag}: the cell was not interrupted: {reply['content']}"
    assert took < 1.0, f"{tag}: the cell ended {took:.2f} s after the interrupt"
    time.sleep(1.0)  # tasks that were cancelled end their last 100 ms wait
    assert run(client, threads_named(threads)).strip() == "0", f"{tag}: its pool's threads still run"
    assert run(client, "1 + 1").strip() == "2"
