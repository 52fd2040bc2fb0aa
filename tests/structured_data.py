"""Reading the JSON-LD that pages carry, for assertions."""


def json_ld_keys(data) -> set[str]:
    """Every key anywhere in a JSON-LD document, spelled as it is."""
    if isinstance(data, dict):
        return set(data) | {key for value in data.values() for key in json_ld_keys(value)}
    if isinstance(data, list):
        return {key for item in data for key in json_ld_keys(item)}
    return set()
