"""Where the interview goes next, over the fixture guide and the engine's skip logic (no Qt)."""

from __future__ import annotations

from free2link_desktop.core.questionnaire import load_questionnaire
from free2link_desktop.ui.interview.engine_api import relevant_ids
from free2link_desktop.ui.interview.flow import InterviewFlow
from tests.ui.interview.conftest import GUIDE


def flow(**answers: object) -> InterviewFlow:
    return InterviewFlow(load_questionnaire(GUIDE), answers, relevant_ids)


def ids(f: InterviewFlow, index: int | None) -> str | None:
    return None if index is None else f.questions[index].id


def test_skip_logic_is_live() -> None:
    f = flow()
    assert ids(f, f.first()) == "intro"
    consent = f.index_of("consent")
    assert f.next_after(consent) is None  # nothing else is asked without consent
    f.set_answer("consent", "yes")
    assert ids(f, f.next_after(consent)) == "in_danger_now"
    offer = f.index_of("job_offer_online")
    f.set_answer("job_offer_online", "no")
    assert ids(f, f.next_after(offer)) == "age"
    f.set_answer("job_offer_online", "yes")
    assert ids(f, f.next_after(offer)) == "channel"
    assert ids(f, f.previous_before(f.index_of("age"))) == "channel"


def test_resume_at_a_saved_position() -> None:
    f = flow(consent="yes", job_offer_online="no")
    assert ids(f, f.resume_index("age")) == "age"
    assert ids(f, f.resume_index("channel")) == "age"  # no longer asked: the next one
    assert ids(f, f.resume_index(None)) == "intro"
    assert ids(f, f.resume_index("gone")) == "intro"
    g = flow(consent="no")
    assert ids(g, g.resume_index("story")) == "consent"  # past the end: the last one asked


def test_progress_counts_every_section() -> None:
    f = flow(consent="yes")
    progress = f.progress(f.index_of("job_offer_online"))
    assert [s.id for s in progress.sections] == ["consent", "recruitment"]
    assert (progress.current, progress.question_number, progress.question_count) == (1, 1, 6)
    f.set_answer("job_offer_online", "yes")
    progress = f.progress(f.index_of("channel"))
    assert (progress.question_number, progress.question_count) == (2, 7)
