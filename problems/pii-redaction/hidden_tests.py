import copy

from solution import *


def test_luhn_on_known_test_numbers():
    valid = ["378282246310005", "6011111111111117", "3530111333300000", "4012888888881881", "4222222222222"]
    for pan in valid:
        assert luhn_valid(pan), f"{pan} is a valid test card number"
    assert not luhn_valid("378282246310006")


def test_card_lengths_13_to_19_only():
    assert redact("x 4222222222222 y") == "x [CARD] y", "a 13-digit Visa is a card"
    assert redact("x 6011000990139424 y") == "x [CARD] y"
    # 12 digits pass Luhn (049927398716 -> check) but are too short to be a card
    assert redact("id 000079927398713") == "id [CARD]", "leading zeros still count as digits (15 digits)"
    assert redact("id 799273987130") == "id 799273987130", "12 digits are never a card"


def test_no_card_inside_a_word_or_longer_number():
    for text in ("tok_4111111111111111", "ref4111111111111111", "41111111111111110000000"):
        assert redact(text) == text, f"redacted part of a longer token: {text!r} -> {redact(text)!r}"


def test_a_run_is_not_split_to_find_a_card():
    # The last four groups are a valid card number, but the run is 20 digits: not a card.
    text = "batch 9999 4111 1111 1111 1111"
    assert redact(text) == text, f"{redact(text)!r}"


def test_emails_with_subdomains_and_punctuation_around():
    assert redact("<a.b-c@mail.eu-west.example.org>, (x_y@ex.io).") == "<[EMAIL]>, ([EMAIL])."
    assert redact("not an email: user@localhost or @handle or a@b.c") == "not an email: user@localhost or @handle or a@b.c"


def test_dates_times_and_ips_are_not_phones():
    line = "2024-01-15 10:32:07 from 192.168.100.200 latency=12.5ms v1.2.3 2024-01-15T10:32:07+01:00"
    assert redact(line) == line, f"{redact(line)!r}"


def test_international_phones():
    assert redact("+49 151 23456789") == "[PHONE]"
    assert redact("+1-415-555-0132, then") == "[PHONE], then"
    assert redact("+12345") == "+12345", "too few digits for a phone"


def test_phone_and_card_in_one_line_keep_the_rest_exact():
    line = "  a=1\tb=4111-1111-1111-1111;c=(212) 555-0100 \u00e9t\u00e9 \u2713 "
    assert redact(line) == "  a=1\tb=[CARD];c=[PHONE] \u00e9t\u00e9 \u2713 "


def test_redaction_is_idempotent():
    line = "mail a@example.com card 4111 1111 1111 1111 phone +44 20 7946 0958"
    once = redact(line)
    assert redact(once) == once


def test_payload_types_and_no_mutation():
    payload = {
        "ok": True,
        "ids": (4111111111111112, 4111111111111111),
        "score": 0.93,
        "notes": None,
        "events": [{"msg": "call +44 20 7946 0958"}, 42],
        "4111111111111111": "key stays",
    }
    before = copy.deepcopy(payload)
    out = redact_payload(payload)
    assert payload == before, "redact_payload modified its input"
    assert out == {
        "ok": True,
        "ids": (4111111111111112, "[CARD]"),
        "score": 0.93,
        "notes": None,
        "events": [{"msg": "call [PHONE]"}, 42],
        "4111111111111111": "key stays",
    }, out


def test_k_anonymity_uses_the_combination_not_each_column():
    rows = [{"a": 1, "b": 1}, {"a": 1, "b": 2}, {"a": 2, "b": 1}, {"a": 2, "b": 2}]
    assert k_anonymity(rows, ["a"]) == 2
    assert k_anonymity(rows, ["a", "b"]) == 1, "each column alone is 2-anonymous; the pair is not"


def test_missing_columns_and_empty_release():
    rows = [{"zip": "1"}, {"zip": "1", "age": None}, {"age": 30}]
    assert equivalence_classes(rows, ["zip", "age"]) == {("1", None): 2, (None, 30): 1}
    assert k_anonymity([], ["zip"]) == 0
    try:
        k_anonymity(rows, [])
    except ValueError:
        pass
    else:
        assert False, "no quasi-identifiers must raise ValueError"


def test_violations_order_and_suppression():
    rows = [{"z": z} for z in "aaabbcdd"] + [{"z": "e"}]
    assert violations(rows, ["z"], 3) == [(("c",), 1), (("e",), 1), (("b",), 2), (("d",), 2)]
    kept, removed = suppress(rows, ["z"], 3)
    assert removed == 6 and kept == [{"z": "a"}] * 3
    assert violations(rows, ["z"], 1) == []
