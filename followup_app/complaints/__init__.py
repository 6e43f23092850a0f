"""Complaints: SLA clocks and escalation, intake from visits and email, verification, permissions."""
