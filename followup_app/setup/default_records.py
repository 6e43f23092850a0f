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
