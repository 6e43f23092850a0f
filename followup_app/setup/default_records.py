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

DEFAULT_FEEDBACK_CATEGORIES = (
	"Product Quality",
	"Service Response",
	"Delivery",
	"Price",
	"Invoicing",
	"Installation",
	"Other",
)

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

# Survey templates in English and Chinese: (name, language, intro, thank-you, questions), each question
# (text, type, options, required, weight).
DEFAULT_SURVEY_TEMPLATES = (
	(
		"Customer Satisfaction (CSAT)",
		"en",
		"Thank you for working with us. Two minutes of your time helps us serve you better.",
		"Thank you! Your answers go straight to the team that serves you.",
		(
			("How satisfied are you with our products?", "Rating 1-5", "", 1, 1),
			("How satisfied are you with our service?", "Rating 1-5", "", 1, 1),
			("How easy was it to get what you needed from us?", "Effort 1-7", "", 1, 1),
			("What should we do better?", "Text", "", 0, 0),
		),
	),
	(
		"客户满意度调查 (CSAT)",
		"zh",
		"感谢您的合作。请花两分钟告诉我们您的感受,帮助我们为您提供更好的服务。",
		"谢谢!您的反馈将直接送达为您服务的团队。",
		(
			("您对我们的产品满意吗?", "Rating 1-5", "", 1, 1),
			("您对我们的服务满意吗?", "Rating 1-5", "", 1, 1),
			("从我们这里获得所需帮助的难易程度如何?", "Effort 1-7", "", 1, 1),
			("我们还有哪些需要改进的地方?", "Text", "", 0, 0),
		),
	),
	(
		"Net Promoter Score (NPS)",
		"en",
		"One question, and one more if you like.",
		"Thank you for your answer!",
		(
			("How likely are you to recommend us to a friend or colleague?", "NPS 0-10", "", 1, 1),
			("What is the main reason for your score?", "Text", "", 0, 0),
		),
	),
	(
		"净推荐值调查 (NPS)",
		"zh",
		"只有一个问题,如您愿意可再多说一句。",
		"感谢您的回答!",
		(
			("您有多大可能把我们推荐给朋友或同事?", "NPS 0-10", "", 1, 1),
			("您给出这个分数的主要原因是什么?", "Text", "", 0, 0),
		),
	),
	(
		"After Complaint",
		"en",
		"We recently handled your complaint. Please tell us how we did.",
		"Thank you. If anything is still wrong, we will call you.",
		(
			("Has your problem been solved?", "Single Choice", "Yes\nPartly\nNo", 1, 0),
			("How satisfied are you with how we handled it?", "Rating 1-5", "", 1, 2),
			("How satisfied are you with the speed of our response?", "Rating 1-5", "", 1, 1),
			("Anything else you want us to know?", "Text", "", 0, 0),
		),
	),
	(
		"投诉处理回访调查",
		"zh",
		"我们刚刚处理了您的投诉,请告诉我们处理得如何。",
		"谢谢。如果问题仍未解决,我们会再联系您。",
		(
			("您的问题解决了吗?", "Single Choice", "已解决\n部分解决\n未解决", 1, 0),
			("您对我们的处理过程满意吗?", "Rating 1-5", "", 1, 2),
			("您对我们的响应速度满意吗?", "Rating 1-5", "", 1, 1),
			("还有什么想告诉我们的吗?", "Text", "", 0, 0),
		),
	),
)

# Email templates carrying the survey link: name -> (subject, HTML body). Jinja: customer_name, company,
# link, answer_buttons (the first NPS or 1-5 rating question as one-click buttons; empty without one),
# expires_on. Table layout and inline styles, for mail clients.
SURVEY_MAIL = (
	'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;'
	"font-family:Arial,'PingFang SC','Microsoft YaHei',sans-serif;font-size:15px;line-height:1.5;color:#1f272e\">"
	'<tr><td style="padding:0 0 12px">{greeting}</td></tr>'
	'<tr><td style="padding:0 0 4px">{ask}</td></tr>'
	"<tr><td>{{{{ answer_buttons }}}}</td></tr>"
	'<tr><td style="padding:4px 0 16px"><a href="{{{{ link }}}}" style="display:inline-block;padding:10px 18px;'
	'background:#1b66c9;color:#ffffff;font-weight:bold;text-decoration:none;border-radius:6px">{button}</a></td></tr>'
	'<tr><td style="padding:0 0 12px;font-size:13px;color:#5c6670">{expiry}</td></tr>'
	'<tr><td style="padding:0;font-size:13px;color:#5c6670">{{{{ company }}}}</td></tr>'
	"</table>"
)
DEFAULT_EMAIL_TEMPLATES = {
	"Satisfaction Survey": (
		"How did we do, {{ customer_name }}?",
		SURVEY_MAIL.format(
			greeting="Dear {{ customer_name }},",
			ask="Thank you for working with us. Please take two minutes to tell us how we did.",
			button="Open the survey",
			expiry="The link is personal and works until {{ frappe.utils.format_datetime(expires_on) }}.",
		),
	),
	"Satisfaction Survey (zh)": (
		"{{ customer_name }},请评价我们的服务",
		SURVEY_MAIL.format(
			greeting="尊敬的 {{ customer_name }}:",
			ask="感谢您的合作。请花两分钟告诉我们您的感受。",
			button="填写问卷",
			expiry="此链接为您专属,有效期至 {{ frappe.utils.format_datetime(expires_on) }}。",
		),
	),
	"Satisfaction Survey Reminder": (
		"A reminder: how did we do, {{ customer_name }}?",
		SURVEY_MAIL.format(
			greeting="Dear {{ customer_name }},",
			ask="A few days ago we asked how we did. If you have two minutes, your answer helps us serve you better.",
			button="Open the survey",
			expiry="This is our only reminder. The link is personal and works until "
			"{{ frappe.utils.format_datetime(expires_on) }}.",
		),
	),
	"Satisfaction Survey Reminder (zh)": (
		"提醒:{{ customer_name }},请评价我们的服务",
		SURVEY_MAIL.format(
			greeting="尊敬的 {{ customer_name }}:",
			ask="几天前我们邀请您评价我们的服务。如您有两分钟时间,您的回答将帮助我们更好地为您服务。",
			button="填写问卷",
			expiry="这是我们唯一的一次提醒。此链接为您专属,有效期至 {{ frappe.utils.format_datetime(expires_on) }}。",
		),
	),
	# Outcome playbooks (seed 003 step 4): the thank-you letter to a satisfied customer, and the promise
	# of a response within 24 hours to a customer with problems.
	"Visit Thank You": (
		"Thank you for your time, {{ contact_name }}",
		"<p>Dear {{ contact_name }},</p>\n"
		"<p>Thank you for taking the time to talk with {{ visitor_name or 'us' }} on "
		"{{ frappe.utils.format_date(visit_date) }}. We are glad that you are satisfied with our products "
		"and service.</p>\n"
		"<p>We will keep you informed of news and new products that may interest you, and we are here "
		"whenever you need us.</p>\n"
		"<p>Kind regards,<br>{{ company }}</p>",
	),
	"Visit Thank You (zh)": (
		"{{ contact_name }},感谢您抽出宝贵时间",
		"<p>尊敬的 {{ contact_name }}:</p>\n"
		"<p>感谢您在 {{ frappe.utils.format_date(visit_date) }} 抽出时间与{{ visitor_name or '我们' }}交流。"
		"很高兴您对我们的产品和服务感到满意。</p>\n"
		"<p>我们会不定期为您送上行业资讯和您可能感兴趣的新产品信息;如有任何需要,欢迎随时联系我们。</p>\n"
		"<p>此致<br>{{ company }}</p>",
	),
	"Visit Issue Follow-up": (
		"We are on it, {{ contact_name }}",
		"<p>Dear {{ contact_name }},</p>\n"
		"<p>Thank you for telling {{ visitor_name or 'us' }} about the problems you met. We have recorded "
		"them and will come back to you within 24 hours with what we will do and by when.</p>\n"
		"<p>Once they are solved, we will contact you within three days to make sure you are satisfied.</p>\n"
		"<p>Kind regards,<br>{{ company }}</p>",
	),
	"Visit Issue Follow-up (zh)": (
		"{{ contact_name }},我们正在处理您反映的问题",
		"<p>尊敬的 {{ contact_name }}:</p>\n"
		"<p>感谢您向{{ visitor_name or '我们' }}反映遇到的问题。我们已记录在案,将在 24 小时内回复处理方案和解决时间。</p>\n"
		"<p>问题解决后,我们会在三天内与您联系,确认您是否满意。</p>\n"
		"<p>此致<br>{{ company }}</p>",
	),
	"Followup Weekly Digest": (
		"Customer follow-up: week of {{ frappe.utils.format_date(week_start) }}",
		'<p>Customer follow-up, {{ frappe.utils.format_date(week_start) }} – {{ frappe.utils.format_date(week_end) }}</p>\n<table border="1" cellpadding="6" style="border-collapse: collapse">\n<tr><th align="left">KPI</th><th align="right">This week</th><th align="right">Week before</th><th align="right">Change</th></tr>\n{% for row in kpis %}<tr><td>{{ row.label }}</td><td align="right">{{ row.current if row.current is not none else "–" }}</td><td align="right">{{ row.previous if row.previous is not none else "–" }}</td><td align="right">{{ row.change if row.change is not none else "" }} {{ row.trend }}</td></tr>\n{% endfor %}</table>\n<p><b>Overdue visits:</b> {{ overdue_visits|int }} &nbsp; <b>Complaints past SLA:</b> {{ breached_complaints|int }}</p>\n{% if goals_at_risk %}<p><b>Goals at risk</b></p><ul>{% for goal in goals_at_risk %}<li><a href="{{ goal.url }}">{{ goal.goal_name }}</a>: {{ goal.metric }} {{ goal.current_value if goal.current_value is not none else "–" }} / {{ goal.target_value }} ({{ goal.progress|round(0)|int }}%), ends {{ frappe.utils.format_date(goal.period_end) }}</li>{% endfor %}</ul>{% else %}<p>No goal is at risk.</p>{% endif %}\n{% if goals_not_measured %}<p><b>Goals not measured yet</b> (nothing in their scope to count so far): {% for goal in goals_not_measured %}<a href="{{ goal.url }}">{{ goal.goal_name }}</a> ({{ goal.metric }}){% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}\n<p><a href="{{ workspace_url }}">Open the Customer Follow-up workspace</a></p>',
	),
	"Followup Weekly Digest (zh)": (
		"客户回访周报:{{ frappe.utils.format_date(week_start) }} 起的一周",
		'<p>客户回访周报,{{ frappe.utils.format_date(week_start) }} – {{ frappe.utils.format_date(week_end) }}</p>\n<table border="1" cellpadding="6" style="border-collapse: collapse">\n<tr><th align="left">指标</th><th align="right">本周</th><th align="right">上周</th><th align="right">变化</th></tr>\n{% for row in kpis %}<tr><td>{{ row.label }}</td><td align="right">{{ row.current if row.current is not none else "–" }}</td><td align="right">{{ row.previous if row.previous is not none else "–" }}</td><td align="right">{{ row.change if row.change is not none else "" }} {{ row.trend }}</td></tr>\n{% endfor %}</table>\n<p><b>逾期回访:</b>{{ overdue_visits|int }} &nbsp; <b>超出 SLA 的投诉:</b>{{ breached_complaints|int }}</p>\n{% if goals_at_risk %}<p><b>有风险的目标</b></p><ul>{% for goal in goals_at_risk %}<li><a href="{{ goal.url }}">{{ goal.goal_name }}</a>:{{ goal.metric }} {{ goal.current_value if goal.current_value is not none else "–" }} / {{ goal.target_value }}({{ goal.progress|round(0)|int }}%),截止 {{ frappe.utils.format_date(goal.period_end) }}</li>{% endfor %}</ul>{% else %}<p>没有有风险的目标。</p>{% endif %}\n{% if goals_not_measured %}<p><b>尚未衡量的目标</b>(其范围内暂无可统计的数据):{% for goal in goals_not_measured %}<a href="{{ goal.url }}">{{ goal.goal_name }}</a>({{ goal.metric }}){% if not loop.last %}、{% endif %}{% endfor %}</p>{% endif %}\n<p><a href="{{ workspace_url }}">打开客户回访工作区</a></p>',
	),
	"Followup Feedback Digest": (
		"Customer feedback for you: week of {{ frappe.utils.format_date(week_start) }}",
		'<p>Dear {{ owner_name|e }},</p>\n<p>Customer feedback routed to you, {{ frappe.utils.format_date(week_start) }} – {{ frappe.utils.format_date(week_end) }}: {{ total_this_week }} items (week before: {{ total_week_before }}).</p>\n<table border="1" cellpadding="6" style="border-collapse: collapse">\n<tr><th align="left">Category</th><th align="left">Department</th><th align="right">This week</th><th align="right">Week before</th><th align="right">Change</th></tr>\n{% for c in categories %}<tr><td>{{ c.label|e }}</td><td>{{ c.department|e }}</td><td align="right">{{ c.this_week }}</td><td align="right">{{ c.week_before }}</td><td align="right">{{ c.change }}</td></tr>\n{% endfor %}</table>\n{% for c in categories %}{% if c["items"] %}<p><b>{{ c.label|e }}</b></p><ul>{% for item in c["items"] %}<li><a href="{{ item.link }}">{{ item.customer|e }}</a> ({{ item.kind|e }}): {{ item.words|e }}</li>{% endfor %}</ul>{% endif %}{% endfor %}\n<p><a href="{{ todo_url }}">Open your ToDos</a></p>',
	),
	"Followup Feedback Digest (zh)": (
		"转给您的客户反馈:{{ frappe.utils.format_date(week_start) }} 起的一周",
		'<p>{{ owner_name|e }},您好:</p>\n<p>{{ frappe.utils.format_date(week_start) }} – {{ frappe.utils.format_date(week_end) }} 转给您的客户反馈:{{ total_this_week }} 条(上周:{{ total_week_before }} 条)。</p>\n<table border="1" cellpadding="6" style="border-collapse: collapse">\n<tr><th align="left">类别</th><th align="left">部门</th><th align="right">本周</th><th align="right">上周</th><th align="right">变化</th></tr>\n{% for c in categories %}<tr><td>{{ c.label|e }}</td><td>{{ c.department|e }}</td><td align="right">{{ c.this_week }}</td><td align="right">{{ c.week_before }}</td><td align="right">{{ c.change }}</td></tr>\n{% endfor %}</table>\n{% for c in categories %}{% if c["items"] %}<p><b>{{ c.label|e }}</b></p><ul>{% for item in c["items"] %}<li><a href="{{ item.link }}">{{ item.customer|e }}</a> ({{ item.kind|e }}): {{ item.words|e }}</li>{% endfor %}</ul>{% endif %}{% endfor %}\n<p><a href="{{ todo_url }}">打开您的待办事项</a></p>',
	),
}

# Outcome playbooks (seed 003 step 4), one rule per outcome: a satisfied customer gets the thank-you
# letter and a light touch a month later; one with problems is promised a response within 24 hours
# and a Followup Manager gets a ToDo due the next day (the Problems also became complaints, whose
# resolution plans the confirmation visit within 3 days); a high-potential customer gets a sales
# manager's personalised plan (a ToDo listing the visit's Needs) and a weekly progress call; an
# unreachable one is tried again two days later, three attempts in all.
DEFAULT_OUTCOME_RULES = (
	{"outcome": "Satisfied", "next_contact_days": 30, "email_template": "Visit Thank You"},
	{
		"outcome": "Has Issues",
		"email_template": "Visit Issue Follow-up",
		"todo_role": "Followup Manager",
		"todo_days": 1,
	},
	{"outcome": "High Potential", "next_contact_days": 7, "todo_role": "Sales Manager", "todo_days": 2},
	{"outcome": "Unreachable", "retry_days": 2, "max_attempts": 3},
)

# Seed 003 step 3: avoid the customer's busy hours, such as Monday morning and Friday afternoon.
DEFAULT_BUSY_WINDOWS = (
	("Monday", "09:00:00", "12:00:00"),
	("Friday", "13:00:00", "18:00:00"),
)
