"""Made-up report input shared by the report tests and benchmarks/report.py.

Nothing here is about a real person. The Arabic note wraps over several lines and holds a Latin
word and numbers, the case the bidi handling has to get right.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from free2link_desktop.reports.model import (
    AnswerLine,
    CaseDetails,
    ConsentInfo,
    DimensionEntry,
    IndicatorEntry,
    NoteEntry,
    Recipient,
    ReferralData,
    ScreeningSection,
    Sender,
)
from free2link_desktop.reports.statistics import IndicatorInfo, ScreeningFacts

ARABIC_NOTE = (
    "قالت إنها تلقت عرض عمل على Facebook في عام 2023 براتب 1500 يورو شهرياً، ثم طلبوا منها "
    "أن تدفع ديناً لا تستطيع سداده. لا أحد يعرف أين جواز سفرها الآن، والاتصال بها يتم فقط "
    "عبر WhatsApp من رقم يتغير كل أسبوع."
)
GREEK_NOTE = (
    "Η συνέντευξη έγινε με διερμηνέα. Η ενδιαφερόμενη ανέφερε ότι το διαβατήριό της το κρατά "
    "ο «εργοδότης» και ότι της ζητούν 4.000 ευρώ για το ταξίδι."
)
LATIN_NOTE = (
    "Met at the reception desk. She asked for help with a phone that her recruiter 'manages'. "
    "Agreed to talk again next week with a female interpreter."
)
CYRILLIC_NOTE = "Говорит, что ей обещали работу в кафе, но документы забрали сразу по приезде."
SECRET_NOTE = "UNCHOSEN NOTE: this text must never appear in a report."


def _indicators(lang: str) -> tuple[DimensionEntry, ...]:
    if lang == "it":
        job_q, job_a = "Ha trovato questo lavoro su internet?", "Sì"
        pass_q, pass_a = "Chi ha il suo passaporto adesso?", "Il datore di lavoro"
        title_job = "Offerta di lavoro online troppo bella per essere vera"
        title_pass = "Documenti trattenuti da altri"
        recruitment, control = "Reclutamento", "Controllo"
    else:
        job_q, job_a = "Did you find this job on the internet?", "Yes"
        pass_q, pass_a = "Who has your passport now?", "The employer"
        title_job = "Online job offer too good to be true"
        title_pass = "Identity documents held by someone else"
        recruitment, control = "Recruitment", "Control"
    return (
        DimensionEntry(
            "recruitment",
            recruitment,
            (
                IndicatorEntry(
                    "online_job_offer_too_good",
                    title_job,
                    "medium",
                    online=True,
                    sources=("ILO (2009) Operational indicators of trafficking in human beings",),
                    answers=(AnswerLine(job_q, job_a),),
                ),
            ),
        ),
        DimensionEntry(
            "control",
            control,
            (
                IndicatorEntry(
                    "documents_withheld",
                    title_pass,
                    "strong",
                    sources=("ILO (2009)", "UNODC (2020) Global Report on Trafficking"),
                    answers=(AnswerLine(pass_q, pass_a),),
                ),
            ),
        ),
        DimensionEntry("exploitation", "Exploitation", ()),
    )


def screening(lang: str = "en", day: int = 3, level: str = "high") -> ScreeningSection:
    return ScreeningSection(
        questionnaire_title="Primo colloquio" if lang == "it" else "First screening",
        version="1.0.0",
        date=date(2026, 11, day),
        level=level,
        label="Strong indication of trafficking" if level == "high" else "Some indicators",
        advice="Refer to a specialised anti-trafficking service within 48 hours.",
        dimensions=_indicators(lang),
        interviewer="m.rossi",
        interviewee_language="ar",
    )


def referral(
    *,
    lang: str = "en",
    notes: int = 4,
    screenings: int = 1,
    consent: bool | None = True,
    redactions: frozenset[str] = frozenset(),
    show_alias: bool = False,
) -> ReferralData:
    texts = [LATIN_NOTE, ARABIC_NOTE, GREEK_NOTE, CYRILLIC_NOTE]
    start = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    return ReferralData(
        case=CaseDetails(
            code="K7QM-2F9X",
            alias="Blue Heron",
            birth_year=1999,
            gender="female",
            nationality="Nigeria",
            languages=("en", "ar"),
            centre="Centro Accoglienza Sud",
            status="open",
        ),
        recipient=Recipient(
            name="Associazione Liberi Tutti",
            org_id="it-liberi-tutti",
            country="IT",
            services=("shelter", "legal aid", "psychological support"),
            languages=("it", "en", "ar"),
            phone="+39 06 1234 5678",
            email="referral@example.org",
            address="Via Roma 1, 00100 Roma",
        ),
        sender=Sender(
            organisation="Free2Link pilot network",
            centre="Centro Accoglienza Sud",
            coordinator="Anna Bianchi",
            contact="anna.bianchi@example.org",
        ),
        consent=ConsentInfo(
            given=consent,
            date=date(2026, 11, 2) if consent else None,
            language="Arabic" if consent else None,
            override=consent is not True,
        ),
        screenings=tuple(
            screening(lang, day=3 + i, level=("high", "medium", "high")[i % 3])
            for i in range(screenings)
        ),
        notes=tuple(
            NoteEntry("a.bianchi", start + timedelta(hours=i * 5), texts[i % len(texts)])
            for i in range(notes)
        ),
        redactions=redactions,
        show_alias=show_alias,
        language=lang,
        created=datetime(2026, 11, 23, 18, 0, tzinfo=UTC),
        document_id="F2L-R-TEST-0001-AB",
    )


def statistics_facts(count: int = 120, seed: int = 7) -> list[ScreeningFacts]:
    """Screenings spread over 2026 with a few rare levels and indicators (cells under 5), each
    of a different person."""
    import random

    rng = random.Random(seed)
    common = ["online_job_offer_too_good", "documents_withheld", "debt_bondage", "phone_controlled"]
    facts = []
    for index in range(count):
        day = date(2026, 1 + (index * 7) % 11, 1 + index % 27)
        level = rng.choice(["high", "medium", "medium", "none", "none", "none"])
        raised = {ind for ind in common if rng.random() < 0.4}
        if index == 3:
            raised.add("webcam_exploitation")  # raised once: must never be shown
        facts.append(ScreeningFacts(day, level, frozenset(raised), person=index))
    # a level with 1
    facts.append(ScreeningFacts(date(2026, 12, 5), "low", frozenset(), person=count))
    return facts


INDICATOR_INFO = {
    "online_job_offer_too_good": IndicatorInfo("Online job offer too good to be true", True),
    "documents_withheld": IndicatorInfo("Identity documents held by someone else"),
    "debt_bondage": IndicatorInfo("Debt that cannot be paid off"),
    "phone_controlled": IndicatorInfo("Phone or accounts controlled by someone else", True),
    "webcam_exploitation": IndicatorInfo("Forced to perform in front of a webcam", True),
}
LEVEL_LABELS = {
    "high": "Strong indication",
    "medium": "Some indicators",
    "low": "Few indicators",
    "none": "No indicators identified",
}
