import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.audit import (
	EMAIL,
	INVALID_EMAIL,
	INVALID_MOBILE,
	INVALID_PHONE,
	MOBILE,
	NO_ACCOUNT_MANAGER,
	NO_PHONE_OR_EMAIL,
	NO_PRIMARY_CONTACT,
	NO_TIER,
	NOT_CONFIRMED,
	PHONE,
	REASON_LABELS,
	REASONS,
	SAME_EMAIL,
	SAME_NAME,
	SAME_PHONE,
	AuditCustomer,
	ContactPoint,
	Finding,
	audit,
	confirmation_due,
	email_key,
	is_valid_email,
	is_valid_mobile,
	is_valid_phone,
	name_key,
	phone_key,
)

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
	"value",
	[
		"li.lei@example.com",
		"LI@Example.COM",
		"a+tag@mail.example.cn",
		"ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ",
		" x@y.io ",
	],
)
def test_valid_emails(value):
	assert is_valid_email(value)


@pytest.mark.parametrize(
	"value",
	[
		None,
		"",
		"li",
		"li@",
		"@example.com",
		"li@example",
		"li@@example.com",
		"li lei@example.com",
		"li@example..com",
		"li.@example.com",
		"li@-example.com",
		"李雷@example.com",
		"li@example.c",
	],
)
def test_invalid_emails(value):
	assert not is_valid_email(value)


@pytest.mark.parametrize(
	"value",
	[
		"13800138000",
		"138-0013-8000",
		"138 0013 8000",
		"+86 138 0013 8000",
		"0086-13800138000",
		"+8613800138000",
		"８６１３８００１３８０００",
		"(+86) 19912345678",
		"+44 7700 900123",
		"0044 7700 900123",
		"+1 (415) 555-2671",
	],
)
def test_valid_mobiles(value):
	assert is_valid_mobile(value)


@pytest.mark.parametrize(
	"value",
	[
		None,
		"",
		"12800138000",
		"1380013800",
		"138001380001",
		"+86 12800138000",
		"+86 010 6552 9988",
		"+0 123456789",
		"+1234567",
		"138-0013-800O",
		"call me",
		"7700 900123",
	],
)
def test_invalid_mobiles(value):
	assert not is_valid_mobile(value)


@pytest.mark.parametrize(
	"value", ["010-6552 9988", "(021) 5888 6666", "0755-8888 6666 转 123", "+49 30 901820", "13800138000"]
)
def test_valid_phones(value):
	assert is_valid_phone(value)


@pytest.mark.parametrize("value", ["", "12345", "n/a", "010-6552-9988-0000-0000", "电话"])
def test_invalid_phones(value):
	assert not is_valid_phone(value)


def test_phone_key_reads_the_same_number_written_differently():
	keys = {
		phone_key(v) for v in ("13800138000", "+86 138-0013-8000", "0086 13800138000", "86 138 0013 8000")
	}
	assert keys == {"13800138000"}
	assert phone_key("+44 7700 900123") == phone_key("0044 7700 900123") == "447700900123"
	assert phone_key("010-6552 9988") == "01065529988"
	assert phone_key("n/a") is None


def test_email_key_ignores_case_and_width():
	assert (
		email_key("Li.Lei@Example.com")
		== email_key("ｌｉ．ｌｅｉ＠ｅｘａｍｐｌｅ．ｃｏｍ")
		== "li.lei@example.com"
	)
	assert email_key("not an email") is None


@pytest.mark.parametrize(
	("first", "second"),
	[
		("上海明远贸易有限公司", "上海明远贸易"),
		("上海明远贸易股份有限公司", "上海 明远贸易 有限责任公司"),
		("ＡＢＣ　Ｔｒａｄｉｎｇ", "abc trading"),
		("Acme Co., Ltd.", "ACME"),
		("Acme Co. Ltd", "acme inc."),
		("Acme LLC", "Acme GmbH"),
		("Acme (Shanghai) Co., Ltd.", "acme shanghai"),
		("明远（上海）有限公司", "明远上海"),
	],
)
def test_name_key_matches_company_names(first, second):
	assert name_key(first) == name_key(second)


@pytest.mark.parametrize(
	("first", "second"), [("Acme", "Acne"), ("上海明远", "北京明远"), ("Costco", "Cost")]
)
def test_name_key_keeps_different_names_apart(first, second):
	assert name_key(first) != name_key(second)


def test_name_key_of_a_bare_suffix_or_nothing():
	assert name_key("有限公司") == "有限公司"
	assert name_key("Ltd") == "ltd"
	assert name_key("") is None and name_key(" .. ") is None


@given(st.text(max_size=40))
def test_keys_never_fail_and_are_stable(text):
	for key_of in (name_key, phone_key, email_key):
		key = key_of(text)
		assert key is None or (isinstance(key, str) and key)
	key = name_key(text)
	assert key is None or not any(character.isspace() for character in key)


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.sampled_from(["", "+86 ", "0086", "86-"]))
def test_every_chinese_mobile_is_valid_with_any_prefix(number, prefix):
	spaced = f"{prefix}{number[:3]} {number[3:7]} {number[7:]}"
	assert is_valid_mobile(spaced) and phone_key(spaced) == number


def customer(name, **values):
	defaults = dict(
		customer_name=name,
		primary_contact=f"{name}-contact",
		tier="Normal",
		account_manager="am@example.com",
		confirmed_on=date(2026, 6, 1),
		created_on=date(2025, 1, 1),
	)
	return AuditCustomer(name, **{**defaults, **values})


def test_a_clean_customer_has_no_finding():
	points = [
		ContactPoint("C1", EMAIL, "c1@example.com", "C1-contact"),
		ContactPoint("C1", MOBILE, "13800138000"),
	]
	assert audit([customer("C1")], points, TODAY, 365) == []


def test_each_reason_of_one_customer_in_order():
	bad = customer("C1", primary_contact=None, tier=None, account_manager=None, confirmed_on=None)
	points = [
		ContactPoint("C1", EMAIL, "c1@example", "P1"),
		ContactPoint("C1", MOBILE, "1234", "P1"),
		ContactPoint("C1", PHONE, "n/a", "P1"),
	]
	findings = audit([bad], points, TODAY, 365)
	assert [f.reason for f in findings] == [
		NO_PRIMARY_CONTACT,
		INVALID_EMAIL,
		INVALID_MOBILE,
		INVALID_PHONE,
		NOT_CONFIRMED,
		NO_TIER,
		NO_ACCOUNT_MANAGER,
	]
	assert findings[1] == Finding("C1", INVALID_EMAIL, "P1", "c1@example")


def test_no_phone_or_email():
	findings = audit([customer("C1")], [ContactPoint("C1", EMAIL, "  ")], TODAY, 365)
	assert findings == [Finding("C1", NO_PHONE_OR_EMAIL)]


def test_duplicates_by_phone_email_and_name_name_the_first_other_customer():
	customers = [customer("C1"), customer("C2"), customer("C3"), customer("C4", customer_name="C1 Co., Ltd.")]
	points = [
		ContactPoint("C1", MOBILE, "138 0013 8000", "P1"),
		ContactPoint("C2", PHONE, "+86 13800138000", "P2"),
		ContactPoint("C3", MOBILE, "0086-138-0013-8000", "P3"),
		ContactPoint("C2", EMAIL, "Same@Example.com", "P2"),
		ContactPoint("C3", EMAIL, "same@example.com", "P3"),
		ContactPoint("C4", EMAIL, "c4@example.com", "P4"),
	]
	findings = audit(customers, points, TODAY, 365)
	assert findings == [
		Finding("C1", SAME_PHONE, "P1", "138 0013 8000", "C2", 1),
		Finding("C1", SAME_NAME, None, "C1", "C4"),
		Finding("C2", SAME_PHONE, "P2", "+86 13800138000", "C1", 1),
		Finding("C2", SAME_EMAIL, "P2", "Same@Example.com", "C3"),
		Finding("C3", SAME_PHONE, "P3", "0086-138-0013-8000", "C1", 1),
		Finding("C3", SAME_EMAIL, "P3", "same@example.com", "C2"),
		Finding("C4", SAME_NAME, None, "C1 Co., Ltd.", "C1"),
	]


def test_invalid_values_and_customers_left_out_are_not_duplicates():
	points = [
		ContactPoint("C1", PHONE, "n/a"),
		ContactPoint("C2", PHONE, "n/a"),
		ContactPoint("C9", MOBILE, "13800138000"),
	]
	points.append(ContactPoint("C1", MOBILE, "13800138000"))
	findings = audit([customer("C1"), customer("C2", customer_name="Other")], points, TODAY, 365)
	assert {(f.customer, f.reason) for f in findings} == {("C1", INVALID_PHONE), ("C2", INVALID_PHONE)}


def test_contact_confirmation_after_n_days():
	assert not confirmation_due(customer("C1", confirmed_on=date(2025, 12, 2)), TODAY, 365)
	assert confirmation_due(customer("C1", confirmed_on=date(2025, 12, 1)), TODAY, 365)
	# never confirmed: counted from the day the customer was created
	assert not confirmation_due(customer("C1", confirmed_on=None, created_on=date(2026, 11, 1)), TODAY, 365)
	assert confirmation_due(customer("C1", confirmed_on=None, created_on=date(2025, 11, 1)), TODAY, 365)
	assert confirmation_due(customer("C1", confirmed_on=None, created_on=None), TODAY, 365)
	finding = audit(
		[customer("C1", confirmed_on=date(2026, 1, 1))], [ContactPoint("C1", EMAIL, "a@b.co")], TODAY, 30
	)
	assert finding == [Finding("C1", NOT_CONFIRMED, confirmed_on=date(2026, 1, 1))]


def test_every_reason_has_a_label():
	assert set(REASONS) == set(REASON_LABELS) and all(REASON_LABELS.values())


def test_the_report_filter_offers_every_reason_with_its_label():
	script = (
		Path(__file__).resolve().parents[1]
		/ "followup_app/customer_followup/report/customer_data_audit/customer_data_audit.js"
	).read_text(encoding="utf-8")
	offered = dict(re.findall(r'\{ value: "(\w+)", label: __\("([^"]+)"\) \}', script))
	assert offered == REASON_LABELS
