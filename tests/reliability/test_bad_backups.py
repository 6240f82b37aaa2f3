"""Generated bad backups and hand-edited stores: each is refused in one line with the folder byte-identical,
or accepted and then `status`, both exports and opening the store all work (tests/reliability/bad_workbooks.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.bad_workbooks import import_outcome, mutations, open_outcome, workbooks

QUICK = settings(max_examples=45, deadline=None, suppress_health_check=list(HealthCheck))


@st.composite
def mutated(draw):
    return draw(mutations(draw(workbooks())))


@QUICK
@given(case=mutated(), over_a_workbook=st.booleans(), original=workbooks())
def test_a_mutated_backup_is_refused_cleanly_or_works_everywhere(capsys, tmp_path_factory, case, over_a_workbook,
                                                                 original):
    _, document, _ = case
    import_outcome(capsys, tmp_path_factory.mktemp("import"), document,
                   existing=original if over_a_workbook else None)


@QUICK
@given(case=mutated())
def test_a_hand_edited_store_is_refused_cleanly_or_works_everywhere(capsys, tmp_path_factory, case):
    _, _, data = case
    open_outcome(capsys, tmp_path_factory.mktemp("open"), data)
