"""Surveys answered from their message (issue 16): the shipped survey Email Templates get the answer
buttons (`{{ answer_buttons }}`) and the new layout. A template an admin has edited is left as it is;
add `{{ answer_buttons }}` to it by hand."""

from followup_app.patches.shipped_templates import update_unedited

# The bodies shipped before this version, exactly.
PREVIOUS = {
	"Satisfaction Survey": '<p>Dear {{ customer_name }},</p><p>Thank you for working with us. Please take two minutes to tell us how we did:</p><p><a href="{{ link }}">Answer the survey</a></p><p>The link is personal and works until {{ frappe.utils.format_datetime(expires_on) }}.</p>',
	"Satisfaction Survey (zh)": '<p>尊敬的 {{ customer_name }}:</p><p>感谢您的合作。请花两分钟告诉我们您的感受:</p><p><a href="{{ link }}">填写问卷</a></p><p>此链接为您专属,有效期至 {{ frappe.utils.format_datetime(expires_on) }}。</p>',
}


def execute():
	update_unedited(PREVIOUS)
