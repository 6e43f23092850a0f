"""Records the app ships: customer tiers, feedback categories and SLA rules by severity."""

DEFAULT_TIERS = (
	{
		"tier_name": "VIP",
		"rank": 1,
		"min_annual_revenue": 1_000_000,
		"description": "Most valuable customers: visited every 15 days.",
	},
	{
		"tier_name": "Key",
		"rank": 2,
		"min_annual_revenue": 200_000,
		"description": "Important customers: visited every 30 days.",
	},
	{
		"tier_name": "Normal",
		"rank": 3,
		"min_annual_revenue": 0,
		"description": "All other customers: visited every quarter.",
	},
)

DEFAULT_FEEDBACK_CATEGORIES = ("Product Quality", "Service Response", "Delivery", "Price", "Other")

# Severity -> (response hours, resolution hours); Medium matches the settings defaults (24 h / 72 h).
DEFAULT_SLA_RULES = {
	"Critical": (2, 24),
	"High": (8, 48),
	"Medium": (24, 72),
	"Low": (48, 120),
}

# One script per visit type (seed 003, step 2: opening, 3-5 key questions, closing with next step).
DEFAULT_VISIT_SCRIPTS = (
	{
		"script_name": "New Customer Activation",
		"visit_type": "New Customer Activation",
		"opening": "Hello, this is [your name] from [our company]. Thank you for your first order; may I take five minutes to hear how things are going?",
		"questions": (
			("Has the product or service been delivered and set up as you expected?", 1, ""),
			(
				"Did you meet any difficulty using it in the first weeks?",
				1,
				"Note each problem as a feedback item.",
			),
			("Is there anything we could explain or train your team on?", 0, "Needs become opportunities."),
		),
		"closing": "Thank you. I will follow up on what you mentioned and you can reach me directly at any time.",
	},
	{
		"script_name": "Routine Maintenance",
		"visit_type": "Routine Maintenance",
		"opening": "Hello, this is [your name] from [our company], calling for our regular check on how our cooperation is going.",
		"questions": (
			(
				"How satisfied are you with our products and service recently (1-5)?",
				1,
				"Record as the visit's satisfaction.",
			),
			("Has anything caused you trouble since our last contact?", 1, ""),
			("Are there new needs or projects where we could help?", 0, "Needs become opportunities."),
		),
		"closing": "Thank you for your time. I have noted your feedback and will confirm the next step with you.",
	},
	{
		"script_name": "Complaint Verification",
		"visit_type": "Complaint Verification",
		"opening": "Hello, this is [your name] from [our company]. We have resolved the issue you reported and would like to confirm it with you.",
		"questions": (
			(
				"Is the problem you reported fully solved?",
				1,
				"Outcome Satisfied closes the complaint; anything else reopens it.",
			),
			("Are you satisfied with how we handled it?", 1, ""),
			("Is there anything else we should improve?", 0, ""),
		),
		"closing": "Thank you for confirming. We will keep working to avoid such problems in the future.",
	},
	{
		"script_name": "Win-back",
		"visit_type": "Win-back",
		"opening": "Hello, this is [your name] from [our company]. We noticed we have not worked together for a while and would value your honest view.",
		"questions": (
			("What led you to order less from us recently?", 1, "Record the reason as a feedback item."),
			("What would we need to change to earn your business again?", 1, ""),
			(
				"May we send you a proposal that addresses this?",
				0,
				"A yes is a need: it becomes an opportunity.",
			),
		),
		"closing": "Thank you for your frankness. I will come back to you with a concrete proposal.",
	},
	{
		"script_name": "Satisfaction Check",
		"visit_type": "Satisfaction Check",
		"opening": "Hello, this is [your name] from [our company]. We are asking our customers how satisfied they are, it takes two minutes.",
		"questions": (
			("Overall, how satisfied are you with us (1-5)?", 1, ""),
			("How likely are you to recommend us to a friend or colleague (0-10)?", 1, ""),
			("What is the one thing we should improve first?", 0, ""),
		),
		"closing": "Thank you, your answers help us serve you better.",
	},
	{
		"script_name": "After-sales",
		"visit_type": "After-sales",
		"opening": "Hello, this is [your name] from [our company], following up on your recent purchase.",
		"questions": (
			("Did the delivery arrive complete and on time?", 1, ""),
			("Is everything working as it should?", 1, "Problems become complaints."),
			("Do you need spare parts, service or training?", 0, "Needs become opportunities."),
		),
		"closing": "Thank you. If anything comes up, contact me directly and we will respond within 24 hours.",
	},
)

# The seeds' cadences: VIP every 15 days, Key every 30, Normal quarterly, new customers every 14 days,
# customers at risk of churning a win-back visit every 7 days (lower priority number wins).
DEFAULT_POLICIES = (
	{
		"policy_name": "At Risk Win-back",
		"priority": 1,
		"lifecycle_stage": "At Risk",
		"interval_days": 7,
		"lead_days": 1,
		"visit_type": "Win-back",
	},
	{
		"policy_name": "New Customer",
		"priority": 5,
		"lifecycle_stage": "New",
		"interval_days": 14,
		"lead_days": 2,
		"visit_type": "New Customer Activation",
	},
	{
		"policy_name": "VIP",
		"priority": 10,
		"customer_tier": "VIP",
		"interval_days": 15,
		"lead_days": 3,
		"visit_type": "Routine Maintenance",
	},
	{
		"policy_name": "Key",
		"priority": 20,
		"customer_tier": "Key",
		"interval_days": 30,
		"lead_days": 5,
		"visit_type": "Routine Maintenance",
	},
	{
		"policy_name": "Normal",
		"priority": 30,
		"customer_tier": "Normal",
		"interval_days": 90,
		"lead_days": 7,
		"visit_type": "Routine Maintenance",
	},
)
