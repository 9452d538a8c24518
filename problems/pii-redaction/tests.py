from solution import *


def test_luhn():
    assert luhn_valid("4111111111111111") is True
    assert luhn_valid("4111111111111112") is False
    assert luhn_valid("79927398713") is True


def test_redacts_email_card_and_phone_in_a_log_line():
    line = "2024-03-02T10:15:07Z checkout user=ana.lima+shop@example.co.uk card=4111 1111 1111 1111 phone=+44 20 7946 0958 status=ok"
    want = "2024-03-02T10:15:07Z checkout user=[EMAIL] card=[CARD] phone=[PHONE] status=ok"
    assert redact(line) == want, f"got {redact(line)!r}"


def test_keeps_numbers_that_are_not_pii():
    line = "order 4111111111111112 at 10.0.0.12 took 1234 ms, amount 1,299.00, build 2024.03.1, trace 5f1c9a2e-77"
    assert redact(line) == line, f"changed a line without PII: {redact(line)!r}"


def test_card_with_dashes_and_north_american_phone():
    assert redact("pan 5500-0000-0000-0004, call (415) 555-0132 or 415-555-0199.") == (
        "pan [CARD], call [PHONE] or [PHONE]."
    )


def test_payload_is_redacted_recursively_keys_kept():
    payload = {"user": {"email": "bo@example.com", "cards": [4111111111111111, "5500 0000 0000 0004"]}, "n": 3}
    assert redact_payload(payload) == {"user": {"email": "[EMAIL]", "cards": ["[CARD]", "[CARD]"]}, "n": 3}


def test_k_anonymity_of_a_release():
    rows = [
        {"zip": "10115", "age": "30-39", "sex": "F", "diagnosis": "flu"},
        {"zip": "10115", "age": "30-39", "sex": "F", "diagnosis": "asthma"},
        {"zip": "10115", "age": "40-49", "sex": "M", "diagnosis": "flu"},
        {"zip": "10117", "age": "30-39", "sex": "F", "diagnosis": "flu"},
        {"zip": "10117", "age": "30-39", "sex": "F", "diagnosis": "copd"},
    ]
    qi = ["zip", "age", "sex"]
    assert k_anonymity(rows, qi) == 1
    assert violations(rows, qi, 2) == [(("10115", "40-49", "M"), 1)]
    kept, removed = suppress(rows, qi, 2)
    assert removed == 1 and kept == rows[:2] + rows[3:]
    assert k_anonymity(kept, qi) == 2
