"""The challenges of a notebook, read from its markdown: each one's number, difficulty and the Java
blocks of its collapsed <details> solution. conftest runs those blocks after the notebook's own cells
(in the same kernel, in the all-processors run), so that every solution is executed by the tests."""
import re

import nbformat

HEADING = re.compile(r"^\*\*Challenge (\d+)(?: \((easy|medium|hard)\))?: (.+?)\*\*", re.M)
DETAILS = re.compile(r"<details>.*?</details>", re.S)
JAVA = re.compile(r"```java\n(.*?)```", re.S)
LEVELS = ["easy", "medium", "hard"]
TAG = "challenge-{}-solution-{}"


def challenges(nb):
    """[(number, difficulty or None, title, [java source, ...]), ...] in notebook order."""
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    if "## Challenges" not in text:
        return []
    text = text[text.index("## Challenges"):]
    text = text[:text.index("## Keypoints")] if "## Keypoints" in text else text
    heads = list(HEADING.finditer(text))
    found = []
    for head, after in zip(heads, heads[1:] + [None]):
        body = text[head.end():after.start() if after else len(text)]
        solutions = [block for details in DETAILS.findall(body) for block in JAVA.findall(details)]
        found.append((int(head.group(1)), head.group(2), head.group(3), solutions))
    return found


def solution_cells(nb):
    """A code cell per Java block of every solution, tagged challenge-N-solution-K and raises-exception
    (so that a failing solution is reported by test_challenges, not by stopping the notebook's run)."""
    cells = []
    for number, _, _, solutions in challenges(nb):
        for k, source in enumerate(solutions, 1):
            cells.append(nbformat.v4.new_code_cell(
                source.rstrip("\n"), metadata={"tags": [TAG.format(number, k), "raises-exception"]}))
    return cells
