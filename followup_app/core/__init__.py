"""Domain rules of customer follow-up as plain functions over plain values.

Nothing below this package imports Frappe: controllers and jobs gather rows, call these
functions and write the results back.
"""
