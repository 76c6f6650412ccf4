"""The notebooks in the repository read well on GitHub: saved from a clean, in-order run."""

from conftest import ALONE, committed, kernel_of

pytestmark = ALONE


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


PLOTLY = "application/vnd.plotly.v1+json"


def mime_types(output):
    """An output's MIME types, less the image/png that JupyterLab's Plotly renderer (and RISE, which
    saves on opening a deck) adds beside each Plotly chart when a notebook is saved from the browser."""
    data = output.get("data", {})
    return tuple(sorted(m for m in data if not (m == "image/png" and PLOTLY in data)))


def shape(cell):
    """What a cell's outputs are made of, without the values that change from run to run."""
    return [(o.output_type, o.get("name"), mime_types(o)) for o in cell.outputs]


def test_uses_the_course_kernel(notebook_path):
    assert committed(notebook_path).metadata.kernelspec.name == kernel_of(notebook_path)


def test_saved_from_a_clean_in_order_run(notebook_path):
    cells = code_cells(committed(notebook_path))
    counts = [c.execution_count for c in cells]
    assert counts == list(range(1, len(cells) + 1)), (
        f"{notebook_path.name}: execution counts {counts}; restart the kernel, run all cells and save")
    for c in cells:
        assert not [o for o in c.outputs if o.output_type == "error"], f"cell {c.execution_count} has an error output"


def test_saved_outputs_match_a_fresh_run(notebook_path, executed):
    saved, fresh = code_cells(committed(notebook_path)), code_cells(executed)
    for s, f in zip(saved, fresh):
        assert shape(s) == shape(f), (
            f"{notebook_path.name}, cell {f.execution_count}: saved outputs {shape(s)} but a fresh run "
            f"gives {shape(f)}; re-run the notebook and save it")
