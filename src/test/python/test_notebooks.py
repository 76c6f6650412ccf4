"""Every notebook runs top to bottom with the real kernel, and says what it should."""
from checks import CHECKS, ON_BINDER
from conftest import ALONE, notebook_paths

pytestmark = ALONE


def test_every_notebook_has_checks():
    missing = [p.name for p in notebook_paths() if p.name not in CHECKS]
    assert not missing, f"notebooks without output checks in {__file__}: {missing}"


def test_runs_without_errors(executed_both_ways):
    for cell in executed_both_ways.cells:
        if cell.cell_type != "code":
            continue
        assert cell.execution_count is not None
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"cell {cell.execution_count} failed: {errors[0].ename}: {errors[0].evalue}"
        if "stderr-expected" in cell.metadata.get("tags", []):
            continue  # the cell shows a library warning on purpose; its notebook's checks assert the text
        stderr = "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stderr")
        assert not stderr, f"cell {cell.execution_count} wrote to stderr: {stderr}"


def test_outputs(request, notebook_path, executed_both_ways):
    on_binder = request.node.callspec.params["executed_both_ways"] == "one processor"
    check = ON_BINDER.get(notebook_path.name, CHECKS[notebook_path.name]) if on_binder else CHECKS[notebook_path.name]
    check(executed_both_ways)
