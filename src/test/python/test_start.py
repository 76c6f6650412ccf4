"""kernel-setup/start serves JupyterLab on notebooks/, with the course kernel ready to run."""
import asyncio
import concurrent.futures
import json
import uuid


from conftest import KERNEL, TOKEN, api, notebook_paths

def test_serves_the_notebooks(lab):
    names = {item["name"] for item in api(lab, "/api/contents/")["content"]}
    assert {p.name for p in notebook_paths()} <= names


def test_offers_the_course_kernel(lab):
    specs = api(lab, "/api/kernelspecs")
    assert specs["kernelspecs"][KERNEL]["spec"]["display_name"] == "Java (parallel notebooks)"
    assert "java" not in specs["kernelspecs"], "the plain JJava kernel should not be offered beside ours"


def execute_via_server(base, kernel_id, code):
    """Sends code to a kernel through JupyterLab's websocket, as the browser does; returns its result."""
    from tornado.websocket import websocket_connect

    async def run():
        url = base.replace("http", "ws") + f"/api/kernels/{kernel_id}/channels?token={TOKEN}"
        ws = await websocket_connect(url)
        msg_id = uuid.uuid4().hex
        await ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": uuid.uuid4().hex,
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        while True:
            message = json.loads(await ws.read_message())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "execute_result":
                ws.close()
                return message["content"]["data"]["text/plain"]
            if message["msg_type"] == "error":
                ws.close()
                raise AssertionError(f"{message['content']['ename']}: {message['content']['evalue']}")

    # On a thread of its own: Playwright's sync API (the browser tests) keeps an event loop running
    # on the test thread, where asyncio.run() refuses to start another.
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, asyncio.wait_for(run(), timeout=90)).result()


def test_the_kernel_runs_the_library(lab):
    kernel = api(lab, "/api/kernels", "POST", {"name": KERNEL})
    try:
        result = execute_via_server(lab, kernel["id"], "List<Integer> r;\ntry (Pool p = Pool.threads(2)) { r = p.map(x -> x * x, List.of(1, 2, 3)); }\nr")
        assert result == "[1, 4, 9]"
    finally:
        api(lab, f"/api/kernels/{kernel['id']}", "DELETE")
