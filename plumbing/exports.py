"""Files the admin hands to editors."""

# A spreadsheet reads a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading ' before a would-be formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
