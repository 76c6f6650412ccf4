"""The Jupyter project's kernel conformance tests (jupyter_kernel_test) against the course kernel,
with the kernel's own samples: every message it sends is checked against the message spec."""
import jupyter_kernel_test

from conftest import KERNEL, ROOT


class TestCourseKernel(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL
    language_name = "Java"  # what JJava reports in language_info
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": '"ab".repeat(2)', "result": "abab"}]
    completion_samples = [{"text": "Pool.thr", "matches": {"threads("}},
                          {"text": "List.o", "matches": {"of("}}]
    complete_code_samples = ["int x = 1;"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {"]
    code_inspect_sample = "Pool.threads"
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    code_display_data = [{"code": 'display("hi")', "mime": "text/plain"}]

    def test_runs_on_the_pinned_jjava(self):
        """The course kernel is compiled against the JJava that requirements.txt pins, and runs on it."""
        pinned = next(l.split("==")[1] for l in (ROOT / "kernel-setup" / "requirements.txt").read_text().splitlines()
                      if l.startswith("jjava=="))
        reply = self.kc.kernel_info(reply=True, timeout=30)
        assert reply["content"]["implementation_version"] == pinned.replace("a", "-a")  # Maven's spelling
