"""Benchmarks for backpain-assistant: ``python -m assistant bench`` or ``python bench/run.py``.

Run on demand, never as timed tests: the numbers depend on the machine and on what else runs.
"""
