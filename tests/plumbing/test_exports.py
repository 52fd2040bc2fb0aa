import pytest

from plumbing.exports import spreadsheet_safe


@pytest.mark.parametrize(
    ("cell", "exported"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("a@example.com", "a@example.com"),
        ("", ""),
        ("2026-12-02T08:00:00+00:00", "2026-12-02T08:00:00+00:00"),
    ],
)
def test_only_would_be_formulas_are_marked_as_text(cell, exported):
    assert spreadsheet_safe(cell) == exported
