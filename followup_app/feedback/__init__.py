"""Feedback from visits: routing to the Feedback Category's department owner, praise shared with the
team, and the department digest."""
