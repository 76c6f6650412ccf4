"""The stop button on notebook 06's blocking cells: each one ends within a second of the interrupt, and
leaves no pool thread running and the kernel usable."""
import time

import pytest
from jupyter_client.manager import start_new_kernel

from conftest import KERNEL, NOTEBOOKS, committed

NOTEBOOK = NOTEBOOKS / "06-the-java-you-will-write.ipynb"
TIMEOUT = 120


@pytest.fixture(scope="module")
def kernel():
    manager, client = start_new_kernel(kernel_name=KERNEL, cwd=str(NOTEBOOKS))
    try:
        yield manager, client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


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


# (cell, seconds before the interrupt, the threads it starts); parametrized in this order, so that the
# custom ForkJoinPool is checked before virtual threads start carriers of the same name pattern
CASES = [("stream-pools", 0.6, "ForkJoinPool-\\\\d+-worker-\\\\d+"),
         ("virtual-waits", 2.5, "pool-\\\\d+-thread-\\\\d+"),
         ("shared-list", 0.3, "pool-\\\\d+-worker-\\\\d+"),
         ("deadlock", 0.05, "pool-\\\\d+-thread-\\\\d+")]


@pytest.mark.parametrize("tag, after, threads", CASES)
def test_an_interrupt_stops_the_cell_within_a_second(kernel, tag, after, threads):
    manager, client = kernel
    run(client, next(c.source for c in committed(NOTEBOOK).cells if c.cell_type == "code"))  # the helpers
    if tag == "virtual-waits":
        run(client, cell("virtual-setup"))
    client.execute(cell(tag))
    time.sleep(after)
    interrupted = time.monotonic()
    manager.interrupt_kernel()  # the stop button
    while True:
        reply = client.get_shell_msg(timeout=TIMEOUT)
        if reply["msg_type"] == "execute_reply":
            break
    took = time.monotonic() - interrupted
    assert took < 1.0, f"{tag}: the cell ended {took:.2f} s after the interrupt"
    time.sleep(1.0)  # tasks that were cancelled end their last 100 ms wait
    assert run(client, threads_named(threads)).strip() == "0", f"{tag}: its pool's threads still run"
    assert run(client, "1 + 1").strip() == "2"
