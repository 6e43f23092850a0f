"""Visit planning and visit records: the planner, missed visits, completion effects, permissions."""
