"""KPI definitions in SQL: numerator and denominator per group, shared by reports, cards and goals."""
