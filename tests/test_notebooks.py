"""The walkthrough notebook runs headless, top to bottom, and shows real answers.

It runs with nbclient in a kernel of this very interpreter (ipykernel from the
dev group), so a fresh ``uv sync`` is enough: no ``jupyter kernelspec install``.
"""

from __future__ import annotations

import re
import sys

import nbformat
import pytest
from conftest import ENGLISH_SEED, ROOT, SPANISH_SEED
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from traitlets import default

import beslan_kg

NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"


class ThisInterpreterKernel(KernelManager):
    """A kernel manager whose "python3" is ipykernel on this interpreter.

    With no kernel folders to search, jupyter_client falls back to ipykernel's own
    spec, which starts ``sys.executable``: a python3 kernelspec installed elsewhere
    on the machine (for another Python) cannot be picked instead.
    """

    @default("kernel_spec_manager")
    def _kernel_spec_manager_default(self):
        return KernelSpecManager(kernel_dirs=[])


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook after a headless run, with a first cell that reports the kernel's interpreter."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell("import sys\nprint(sys.executable)", id="test-interpreter"))
    client = NotebookClient(
        nb,
        kernel_name="python3",
        kernel_manager_class=ThisInterpreterKernel,
        timeout=600,
        resources={"metadata": {"path": str(tmp_path_factory.mktemp("notebook"))}},
    )
    client.execute()  # raises CellExecutionError on the first cell that fails
    return nb


def _text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        for kind in ("text/html", "text/plain"):
            parts.append(output.get("data", {}).get(kind, ""))
    return "\n".join(parts)


def _cell(nb, cell_id: str):
    return next(cell for cell in nb.cells if cell.get("id") == cell_id)


def test_the_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert nb.metadata.kernelspec.name == "python3"


def test_the_kernel_is_this_interpreter(executed):
    assert _text(_cell(executed, "test-interpreter")).strip() == sys.executable


def test_every_cell_ran_without_error(executed):
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]


def test_the_build_reports_both_articles(executed):
    assert "articles:  2 (en, es)" in _text(_cell(executed, "build"))


def test_five_questions_are_answered_with_tables(executed):
    answers = [_cell(executed, cell_id) for cell_id in ("q1", "q2", "q3", "q4", "q5")]
    for cell in answers:
        html = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
        assert '<table border="1" class="dataframe"' in html and "<tbody>" in html and "<td>" in html, cell.id
    english, spanish = ENGLISH_SEED.read_text(encoding="utf-8"), SPANISH_SEED.read_text(encoding="utf-8")
    # Who ruled: "The European Court of Human Rights ruled in 2017 that Russia's handling ..."
    assert "European Court of Human Rights" in english
    assert "id:european-court-of-human-rights" in _text(answers[0]) and "defendant" in _text(answers[0])
    # When: "On September 1, 2004" / "El 1 de septiembre de 2004".
    assert "September 1, 2004" in english and "2004-09-01" in _text(answers[1])
    # The injured, side by side: "more than 750 wounded" / "más de 700 resultaron heridas".
    for said, text in (("more than 750", english), ("más de 700", spanish)):
        assert said in text and said in _text(answers[2])
    # Both languages name Chechnya: "Chechnya's" / "Chechenia".
    assert "Chechenia" in spanish and "<td>Chechnya</td>" in _text(answers[3]) and "<td>Chechenia</td>" in _text(answers[3])
    # The court found by its Spanish name, as the Spanish article writes it.
    assert "Tribunal Europeo de Derechos Humanos" in spanish
    assert "<td>European Court of Human Rights</td>" in _text(answers[4])
    # Clean tables: labels without their language tag, and no rdflib term anywhere.
    for cell in answers:
        assert not re.search(r"@(en|es)\b", _text(cell)), cell.id
        assert "rdflib" not in _text(cell) and "Literal(" not in _text(cell), cell.id


def test_the_notebook_uses_only_the_public_api():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    imported = set(re.findall(r"^\s*(?:from|import)\s+(beslan_kg\S*)", code, re.M))
    assert imported == {"beslan_kg"}
    used = set(re.findall(r"\bbeslan_kg\.(\w+)", code))
    assert used and used <= set(beslan_kg.__all__)


def test_the_graph_view_is_shown_inline(executed):
    html = "".join(o.get("data", {}).get("text/html", "") for o in _cell(executed, "view").outputs)
    assert html.startswith("<iframe srcdoc=")
    # The page is an attribute value: escaped whole, so its markup cannot end the frame.
    srcdoc = html.split('srcdoc="', 1)[1].split('" sandbox=', 1)[0]
    assert "&lt;html" in srcdoc and "<" not in srcdoc and '"' not in srcdoc
    assert "beslan-school-siege" in srcdoc
