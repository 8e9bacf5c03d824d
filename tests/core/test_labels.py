from hatecrime.core.templatetags.labels import clock_state_label, strand_labels


def test_strands_are_shown_in_words():
    assert strand_labels(["sexual_orientation", "transgender"]) == (
        "Sexual orientation, Transgender identity"
    )
    assert strand_labels(None) == ""


def test_clock_states_are_shown_in_words():
    assert clock_state_label("due_today") == "Due today"
    assert clock_state_label("something-new") == "something-new"


def test_the_public_sees_a_status_in_plain_words():
    from hatecrime.core.templatetags.labels import public_case_status

    assert public_case_status("in_progress") == "With an officer"
    assert public_case_status("closed") == "Closed"
