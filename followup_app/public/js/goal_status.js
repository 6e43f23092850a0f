// The indicator colour of each Followup Goal status, shared by the goal's form and list.
frappe.provide("followup_app");

followup_app.GOAL_STATUS_COLORS = {
	"Not Started": "gray",
	"Not Measured": "light-blue",
	"On Track": "green",
	"At Risk": "orange",
	Achieved: "blue",
	Missed: "red",
};
