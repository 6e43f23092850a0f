"""Benchmarks run on a bench site (`bench --site SITE execute followup_app.benchmarks.<module>.run`).

They generate data, time the real code paths and print figures; they are not tests. Run them on a
site made for it: they add many records (removed again by each module's `cleanup`).
"""
