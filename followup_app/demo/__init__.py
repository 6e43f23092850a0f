"""Demo data, apart from the product: a year of follow-up work loaded by `bench followup-demo`."""
