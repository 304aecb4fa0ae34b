"""PDF and CSV writers: plain data in, bytes out; no SQL, no Qt (ARCHITECTURE.md).

What to call:
- `referral.referral_pdf(data: model.ReferralData, password=None) -> bytes`: the referral
  report; `data.redacted()` is applied inside; `data.fingerprint()` is the sha256 (hex) of the
  redacted content, printed shortened in the footer; with a password the PDF is AES-256
  encrypted (ISO 32000-2 revision 6, `encryption.Aes256Encryption`).
- `recovery.recovery_sheet_pdf(*, workspace_path, recovery_key, created, language="en",
  workspace_id="") -> bytes`: the one-page recovery sheet.
- `statistics.aggregate(facts, *, indicators, level_labels, date_from=None, date_to=None,
  language="en") -> StatisticsData` (counts, then small-cell suppression by the number of
  different people behind each cell, with complements where a total is published:
  `statistics.suppress(cells: Mapping[K, Tally], threshold=5, total_published=False)`),
  `statistics.statistics_csv(data) -> bytes`, `statistics_pdf.statistics_pdf(data) -> bytes`.
- `text`: shaping (arabic-reshaper), wrapping and per-line bidi (python-bidi) for reportlab;
  `flowables.ScriptText(text, TextStyle(...))` is a paragraph in any script.

Labels are translated with the catalog of the report's language (`layout.translator`), never by
switching the application's language. Fonts: resources/fonts (Noto, OFL), always embedded.
"""
