"""Accuracy on ../shared/eval, through reporter's public library API.

One module per evaluation set, each with ``evaluate(data_dir, limit=None) -> list[Score]``; the gold
fields are stripped before the tool sees an article. ``python -m evaluation`` prints one table.
"""
