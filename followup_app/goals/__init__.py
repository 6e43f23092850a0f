"""Follow-up goals: measuring each open goal against its KPI and telling its owner how it stands."""
