"""PII redaction for logs and payloads, and a k-anonymity check before a data release."""
import re

EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])"
)
# A maximal run of digits with single spaces or dashes between them: not inside a word, not
# after "+", and not starting in the middle of a longer run ("1234 5678": no match at "5678").
DIGIT_RUN = re.compile(r"(?<![\w+])(?<!\d[ -])\d(?:[ -]?\d)*(?!\w)(?![ -]\d)")
PHONE = re.compile(
    r"(?<![\w+])\+\d(?:[ -]?\d){7,14}(?!\w)(?![ -]\d)"
    r"|(?<![\w+(])(?<!\d[ -.])(?:\(\d{3}\) ?|\d{3}[-.])\d{3}[-.]\d{4}(?!\w)(?![-.]\d)"
)


def luhn_valid(digits):
    """Luhn checksum of a string of digits."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _is_card(digits):
    return 13 <= len(digits) <= 19 and luhn_valid(digits)


def _card_or_keep(match):
    digits = re.sub(r"[ -]", "", match.group(0))
    return "[CARD]" if _is_card(digits) else match.group(0)


def redact(text):
    """Replace emails, card numbers (Luhn-valid) and phone numbers; leave everything else as is."""
    text = EMAIL.sub("[EMAIL]", text)
    text = DIGIT_RUN.sub(_card_or_keep, text)  # before phones: a card is never a phone
    return PHONE.sub("[PHONE]", text)


def redact_payload(value):
    """A redacted copy of a JSON-like value: strings redacted, card numbers stored as ints too."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, bool):  # bool is an int subclass: never a card
        return value
    if isinstance(value, int):
        return "[CARD]" if value > 0 and _is_card(str(value)) else value
    if isinstance(value, dict):
        return {k: redact_payload(v) for k, v in value.items()}  # keys are schema, not data
    if isinstance(value, list):
        return [redact_payload(v) for v in value]
    if isinstance(value, tuple):
        return tuple(redact_payload(v) for v in value)
    return value


def _key(row, quasi_identifiers):
    return tuple(row.get(q) for q in quasi_identifiers)


def equivalence_classes(rows, quasi_identifiers):
    """{tuple of quasi-identifier values: number of rows}; a missing column counts as None."""
    if not quasi_identifiers:
        raise ValueError("at least one quasi-identifier is needed")
    counts = {}
    for row in rows:
        key = _key(row, quasi_identifiers)
        counts[key] = counts.get(key, 0) + 1
    return counts


def k_anonymity(rows, quasi_identifiers):
    """The size of the smallest equivalence class (0 for no rows)."""
    counts = equivalence_classes(rows, quasi_identifiers)
    return min(counts.values(), default=0)


def violations(rows, quasi_identifiers, k):
    """[(values, count)] of the classes smaller than k, smallest first, then by str(values)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    small = [(key, n) for key, n in equivalence_classes(rows, quasi_identifiers).items() if n < k]
    return sorted(small, key=lambda item: (item[1], tuple(str(v) for v in item[0])))


def suppress(rows, quasi_identifiers, k):
    """(kept rows in their order, number removed): drops the rows of classes smaller than k."""
    counts = equivalence_classes(rows, quasi_identifiers)
    if k < 1:
        raise ValueError("k must be at least 1")
    kept = [row for row in rows if counts[_key(row, quasi_identifiers)] >= k]
    return kept, len(rows) - len(kept)
