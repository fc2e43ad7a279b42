"""The pipeline refuses settings it cannot honour when it is built, not after 10,000 articles."""
from __future__ import annotations

import pytest

from chronicle.errors import UsageError
from chronicle.extract.pipeline import STAGES, Pipeline, PipelineError, Settings


def test_a_misspelt_stage_is_refused_naming_it_and_the_valid_ones():
    with pytest.raises(UsageError) as caught:
        Pipeline(Settings(stages=("segment", "entites")))
    err = caught.value
    assert isinstance(err, PipelineError) and err.code == "PIP002"
    assert "'entites'" in err.message
    assert all(name in err.message for name in STAGES)
    assert str(err).startswith("[PIP002] ")


def test_a_known_subset_builds_in_the_order_given():
    pipe = Pipeline(Settings(stages=("segment",)))
    assert [s.id.split(".")[1] for s in pipe.stages] == ["segment"]


def test_a_stage_whose_inputs_no_earlier_stage_assigns_is_refused():
    class NeedsDoc:
        id, requires, assigns = "test.needs_doc.v1", ("doc",), ("x",)

        def __call__(self, state):
            return {}

    with pytest.raises(PipelineError) as caught:
        Pipeline(Settings(stages=()), stages=[NeedsDoc()])
    assert caught.value.code == "PIP003" and "test.needs_doc.v1 requires doc" in caught.value.message


def test_a_pipeline_error_is_a_usage_error_at_the_cli_edge():
    from chronicle.cli.main import exit_status

    assert exit_status(PipelineError.of("PIP002", stage="x", known="segment")) == 2
