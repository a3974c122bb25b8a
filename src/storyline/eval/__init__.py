"""Measurement, apart from the product: the evaluations and their scorers (never imported by the pipeline)."""
