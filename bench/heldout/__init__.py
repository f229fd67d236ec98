"""Held-out evaluation: records of researchers in other fields, each with a golden question set.

`python -m bench.heldout.build` writes the records built from the shared paper corpus;
`python -m bench.heldout` builds them if needed and measures the assistant on every record.
"""
