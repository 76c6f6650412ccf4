"""What the course kernel sends when a cell fails in the library, and when it prints a lot (the real kernel, through jupyter_client):
ipykernel-style batching, a few stream messages a second, every line there and in order, whether
the cell, the threads of a pool or its worker processes print.

The issue's bar is 100,000 lines in at most 50 stream messages within 1.5 s on 2 cores. The message
count and the lines are checked on every run; the time is the best of up to three runs (the first
run of a loop includes JIT warm-up, and the machine is shared), as a benchmark would report it."""
import re
import time

import pytest

from conftest import ALONE, running_kernel

pytestmark = ALONE

LINES = 100_000
MAX_MESSAGES = 50
MAX_SECONDS = 1.5


@pytest.fixture(scope="module")
def kernel():
    with running_kernel() as (_, kc):
        yield kc


def run(kc, code, timeout=120, errors=None):
    """Executes code; returns (stream messages in arrival order, seconds from request to idle).
    A cell error fails the test, unless a list is given to collect the error messages' content."""
    while True:  # drop what earlier cells left on IOPub
        try:
            kc.get_iopub_msg(timeout=0.2)
        except Exception:
            break
    start = time.monotonic()
    msg_id = kc.execute(code)
    streams, failed = [], []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["header"]["msg_type"]
        if kind == "stream":
            streams.append(msg["content"])
        elif kind == "error":
            failed.append(msg["content"])
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    elapsed = time.monotonic() - start
    if errors is None:
        assert not failed, "\n".join(failed[0]["traceback"])
    else:
        errors.extend(failed)
    return streams, elapsed


def check(kc, code, workers):
    best = None
    for _ in range(3):
        streams, elapsed = run(kc, code)
        assert len(streams) <= MAX_MESSAGES, f"{len(streams)} stream messages for {LINES} lines"
        text = "".join(s["text"] for s in streams if s["name"] == "stdout")
        lines = text.splitlines()
        assert len(lines) == LINES, f"{len(lines)} lines arrived of {LINES}"
        for w in workers:  # each printer's lines complete and in its order
            mine = [int(m.group(1)) for m in (re.fullmatch(rf"{w}line (\d+)", l) for l in lines) if m]
            assert mine == list(range(LINES // len(workers))), f"lines of {w or 'the cell'} missing or out of order"
        best = elapsed if best is None else min(best, elapsed)
        if best <= MAX_SECONDS:
            break
    print(f"{LINES} lines: {len(streams)} stream messages, best {best:.2f} s")
    assert best <= MAX_SECONDS, f"{LINES} lines took {best:.2f} s at best"


def test_cell_prints(kernel):
    check(kernel, f'for (int i = 0; i < {LINES}; i++) System.out.println("line " + i);', [""])


@pytest.mark.parametrize("kind", ["threads", "processes"])
def test_pool_workers_print(kernel, kind):
    per_worker = LINES // 2
    run(kernel, f"Pool printers = Pool.{kind}(2);")
    try:
        check(kernel, f"""printers.map(w -> {{
                for (int i = 0; i < {per_worker}; i++) System.out.println("w" + w + " line " + i);
                return w;
            }}, List.of(0, 1));""", ["w0 ", "w1 "])
    finally:
        run(kernel, "printers.close();")


ANSI = re.compile(r"\x1b\[[0-9;]*m")
NOT_SERIALIZABLE = """try (Pool pool = Pool.processes(2)) {
    Thread caller = Thread.currentThread();  // a Thread is not Serializable
    pool.map(x -> x + caller.getName().length(), List.of(1, 2, 3));
}"""


def traceback_of(kc, code):
    errors = []
    run(kc, code, errors=errors)
    assert len(errors) == 1, f"expected one error, got {errors}"
    return ANSI.sub("", "\n".join(errors[0]["traceback"])).splitlines()


def test_library_error_is_short_and_full_trace_is_one_switch_away(kernel):
    short = traceback_of(kernel, NOT_SERIALIZABLE)
    print("\n".join(short))
    assert len(short) <= 10, f"{len(short)} lines:\n" + "\n".join(short)
    assert "Serializable" in short[0], short[0]
    assert any(re.search(r"\(#\d+:\d+\)", line) for line in short), "no frame of the cell"
    assert not any("ObjectOutputStream" in line for line in short)
    assert 'System.setProperty("learnparallel.traces", "full")' in short[-1]

    run(kernel, 'System.setProperty("learnparallel.traces", "full");')
    try:
        full = traceback_of(kernel, NOT_SERIALIZABLE)
    finally:
        run(kernel, 'System.setProperty("learnparallel.traces", "short");')
    assert len(full) > 20 and any("ObjectOutputStream" in line for line in full), "\n".join(full)


def test_other_errors_keep_their_trace(kernel):
    lines = traceback_of(kernel, "int[] a = new int[1];\na[2] = 0;")
    assert any("ArrayIndexOutOfBoundsException" in line for line in lines)
    assert not any("frames of the library" in line for line in lines)
