"""The Jupyter project's kernel conformance tests (jupyter_kernel_test) against the course kernel,
with the kernel's own samples: every message it sends is checked against the message spec."""
import jupyter_kernel_test

from conftest import KERNEL


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
