"""The four answers every yes/no question takes, in the languages of the interview guides.

Shown beside the staff-language buttons so the person being interviewed can read their own
answer, or point at it. These are guide languages (interviewee side), not the staff interface's
gettext catalogs: French and Ukrainian have no staff catalog. The wording follows the
"prefer not to answer" options the bundled guides already use.

REVIEW STATUS: draft translations (it, el, pl, fr, ar, uk, and fa, ps, ur, ru, tr, so added
with the first screening's new languages in issue 15), written by the developers and not yet
checked by native speakers or interpreters. English is the source.
"""

from __future__ import annotations

#: the yes_no answer values (SPEC 6.2) in button order, and the key that records each one
YES_NO_VALUES: tuple[str, ...] = ("yes", "no", "dont_know", "declined")
YES_NO_KEYS: dict[str, str] = {"yes": "Y", "no": "N", "dont_know": "D", "declined": "P"}

_WORDS: dict[str, dict[str, str]] = {
    "yes": {
        "en": "Yes",
        "it": "Sì",
        "el": "Ναι",
        "pl": "Tak",
        "fr": "Oui",
        "ar": "نعم",
        "uk": "Так",
        "fa": "بله",
        "ps": "هو",
        "ur": "ہاں",
        "ru": "Да",
        "tr": "Evet",
        "so": "Haa",
    },
    "no": {
        "en": "No",
        "it": "No",
        "el": "Όχι",
        "pl": "Nie",
        "fr": "Non",
        "ar": "لا",
        "uk": "Ні",
        "fa": "نه",
        "ps": "نه",
        "ur": "نہیں",
        "ru": "Нет",
        "tr": "Hayır",
        "so": "Maya",
    },
    "dont_know": {
        "en": "I don't know",
        "it": "Non lo so",
        "el": "Δεν ξέρω",
        "pl": "Nie wiem",
        "fr": "Je ne sais pas",
        "ar": "لا أعرف",
        "uk": "Не знаю",
        "fa": "نمی‌دانم",
        "ps": "نه پوهېږم",
        "ur": "مجھے نہیں معلوم",
        "ru": "Не знаю",
        "tr": "Bilmiyorum",
        "so": "Ma aqaan",
    },
    "declined": {
        "en": "I prefer not to answer",
        "it": "Preferisco non rispondere",
        "el": "Προτιμώ να μην απαντήσω",
        "pl": "Wolę nie odpowiadać",
        "fr": "Je préfère ne pas répondre",
        "ar": "أفضّل عدم الإجابة",
        "uk": "Волію не відповідати",
        "fa": "ترجیح می‌دهم پاسخ ندهم",
        "ps": "غوره ګڼم چې ځواب ورنه کړم",
        "ur": "میں جواب نہ دینا پسند کروں گا/گی",
        "ru": "Предпочитаю не отвечать",
        "tr": "Yanıt vermemeyi tercih ederim",
        "so": "Waxaan doorbidayaa inaanan ka jawaabin",
    },
}


def answer_word(value: str, language: str) -> str:
    """The answer `value` in `language`, or "" when we have no words in that language."""
    return _WORDS.get(value, {}).get(language, "")


def answer_languages() -> frozenset[str]:
    """The languages in which all four answers are written."""
    return frozenset.intersection(*(frozenset(words) for words in _WORDS.values()))
