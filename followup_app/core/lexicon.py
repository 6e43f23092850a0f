"""The shipped words that read feedback before a site has taught its own model (cold start).

Per shipped Feedback Category and per sentiment, the Chinese and English words that name it.
Chinese words match anywhere in the text; English words match at the start of a word, so a stem
words("deliver") matches its forms ("delivered", "delivery"). A negation just before a sentiment word
turns it ("not happy", "不满意" is its own word, "没有问题" reads as positive). Longer words win
over the shorter words inside them.
"""

import re
from functools import lru_cache


def words(listed: str) -> tuple[str, ...]:
	"""The comma-separated words of `listed`."""
	return tuple(word.strip() for word in listed.split(",") if word.strip())


CATEGORY_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
	"Product Quality": {
		"zh": words(
			"质量, 品质, 次品, 不良品, 瑕疵, 破损, 裂, 坏了, 损坏, 故障, 漏, 生锈, 锈, 褪色, 变形, 异响, 噪音, 精度, 寿命, 耐用, 性能, 规格, 尺寸, 色差, 做工, 材质, 返工, 退货, 换货, 批次, 合格, 检验, 报废, 卡死, 失灵, 掉漆, 起泡, 开线, 功能, 好用, 配方, 稳定性, 包装"
		),
		"en": words(
			"quality, defect, faulty, broken, break, crack, leak, rust, fade, warp, noise, noisy, durab, lifespan, performance, spec, tolerance, batch, scratch, dent, malfunction, fail, stopped working, works perfectly, reliab, material, finish, peel, tear, torn, return, replacement, product, sample, accuracy, calibrat, wear, overheat, packaging"
		),
	},
	"Service Response": {
		"zh": words(
			"服务, 态度, 客服, 售后, 回复, 答复, 回电, 电话没人接, 没人接, 响应, 处理, 专业, 耐心, 热情, 敷衍, 推诿, 业务员, 销售, 工程师, 技术支持, 沟通, 解答, 反馈, 跟进, 及时, 效率, 热线, 维修, 上门, 投诉"
		),
		"en": words(
			"service, support, attitude, rude, polite, helpful, friendly, respon, reply, replied, call back, callback, answer, hotline, sales rep, salesperson, account manager, engineer, staff, team, patient, professional, ignored, waiting for, follow up, follow-up, communicat, repair, after-sales, ticket"
		),
	},
	"Delivery": {
		"zh": words(
			"发货, 到货, 送货, 交货, 交期, 物流, 快递, 运输, 配送, 延迟, 延误, 晚到, 迟到, 提前到, 少发, 漏发, 错发, 发错, 收货, 签收, 仓库, 库存, 缺货, 货期, 装车, 司机, 运费, 在途, 送达, 送到, 出库, 货到, 周期"
		),
		"en": words(
			"deliver, shipment, shipping, shipped, ship, arriv, late, delay, courier, logistic, freight, carrier, truck, driver, warehouse, stock, lead time, tracking, dispatch, on time, transit, consignment, pallet, short shipped, missing item, wrong item, received, eta"
		),
	},
	"Price": {
		"zh": words(
			"价格, 价钱, 报价, 涨价, 降价, 贵, 便宜, 折扣, 优惠, 性价比, 成本, 单价, 费用, 预算, 竞争对手, 比价, 返点, 账期, 划算, 打折, 价位"
		),
		"en": words(
			"price, pricing, cost, expensive, cheap, discount, quote, quotation, rebate, budget, afford, value for money, competitor, margin, payment term, increase, overpriced, rate, fee"
		),
	},
	"Invoicing": {
		"zh": words(
			"发票, 开票, 专票, 普票, 增值税, 税号, 税率, 对账, 账单, 红冲, 红字, 金额, 抬头, 开错, 补开, 收据, 结算, 付款, 回款, 扣款, 多收"
		),
		"en": words(
			"invoice, invoic, billing, billed, bill, credit note, statement, vat, tax id, tax, reconcil, overcharg, charged twice, receipt, payment, amount, purchase order number, po number, remittance"
		),
	},
	"Installation": {
		"zh": words(
			"安装, 调试, 装机, 上门安装, 施工, 布线, 接线, 试运行, 验收, 培训, 说明书, 安装师傅, 师傅, 现场, 组装, 固定, 调校, 开机"
		),
		"en": words(
			"install, commission, setup, set up, set-up, assembl, mount, wiring, technician, on-site, on site, training, manual, configur, start-up, startup, fitting, fitted"
		),
	},
	"Other": {
		"zh": words("谢谢, 感谢, 合作愉快, 联系人, 目录, 样册, 拜访, 新品, 展会, 总体, 整体"),
		"en": words("thank, catalog, brochure, contact person, visit, exhibition, overall, partnership"),
	},
}

POSITIVE: dict[str, tuple[str, ...]] = {
	"zh": words(
		"满意, 很好, 不错, 挺好, 好评, 表扬, 赞, 感谢, 谢谢, 专业, 耐心, 热情, 及时, 准时, 提前, 快速, 很快, 高效, 稳定, 放心, 推荐, 喜欢, 优秀, 完美, 顺利, 没问题, 没有问题, 没什么问题, 好用, 划算, 实惠, 周到, 靠谱, 给力, 点赞, 继续合作"
	),
	"en": words(
		"satisf, happy, great, good, excellent, thank, appreciat, helpful, friendly, professional, quick, fast, on time, early, smooth, perfect, love, recommend, impress, pleased, reliable, well done, amazing, fantastic, patient, no problem, no issue, no complaint, fair, reasonable, worth"
	),
}

NEGATIVE: dict[str, tuple[str, ...]] = {
	"zh": words(
		"不满意, 不满, 差, 太慢, 慢, 晚了, 延迟, 延误, 没人, 没有人, 不回复, 不理, 敷衍, 推诿, 态度恶劣, 投诉, 失望, 生气, 问题, 故障, 坏, 破损, 错, 漏, 少发, 贵, 涨价, 退货, 糟糕, 麻烦, 无法, 不能, 不行, 不好, 不准, 拖, 催, 一直没, 还没, 至今, 损失, 严重, 再也不, 不合格, 投诉, 多收, 重复"
	),
	"en": words(
		"unhappy, disappoint, terrible, awful, bad, poor, worst, late, delay, slow, rude, ignored, no one, nobody, never, broken, defect, faulty, wrong, missing, damaged, problem, issue, complain, angry, frustrat, unacceptable, expensive, overcharg, still waiting, not yet, failed, fail, leak, crack, error, mistake, too much, too high, waste, useless"
	),
}

# Words that turn the sentiment word right after them.
NEGATORS = {
	"zh": words("不, 不太, 不够, 不是很, 不怎么, 并不, 没, 没有, 未, 无, 别"),
	"en": words("not, no, never, hardly, without, n't"),
}

EN_NEGATED = re.compile(
	r"(?:\b(?:" + "|".join(w for w in NEGATORS["en"] if w != "n't") + r")|n't)(?:\s+\w+){0,2}\s*$"
)

# Words too common to tell topics apart (English; Chinese single characters are left out anyway).
STOPWORDS = frozenset(
	"""a an the and or but if of to in on at by for with from as is are was were be been it its this
	that these those we our you your they their he she his her i me my us them do does did not no so
	very too can could will would should have has had there here about after before also just than
	then again all any some more most much many one two please""".split()
) | frozenset(
	words(
		"我们, 你们, 他们, 这个, 那个, 一个, 没有, 已经, 还是, 就是, 但是, 因为, 所以, 可以, 希望, 客户, 公司, 贵司, 这次, 一下, 现在, 还有, 我司, 非常, 比较, 有点"
	)
)


def pattern(listed: tuple[str, ...], lang: str) -> re.Pattern:
	"""One pattern for the `listed` words, longest first; English words match at the start of a word."""
	ordered = "|".join(re.escape(word) for word in sorted(set(listed), key=len, reverse=True))
	return re.compile(f"(?:{ordered})" if lang == "zh" else rf"\b(?:{ordered})")


@lru_cache(maxsize=1)
def compiled() -> dict:
	"""The patterns of every category and sentiment, per language."""
	return {
		"categories": {
			category: {lang: pattern(words, lang) for lang, words in by_lang.items()}
			for category, by_lang in CATEGORY_WORDS.items()
		},
		"positive": {lang: pattern(words, lang) for lang, words in POSITIVE.items()},
		"negative": {lang: pattern(words, lang) for lang, words in NEGATIVE.items()},
		# A Chinese negator right before the word; an English one up to two words before it.
		"negators": {"zh": re.compile(f"(?:{'|'.join(NEGATORS['zh'])})$"), "en": EN_NEGATED},
	}


def category_hits(text: str) -> dict[str, int]:
	"""How many words of each category a lower-cased cleaned text holds (both languages are read)."""
	hits = {}
	for category, by_lang in compiled()["categories"].items():
		count = sum(len(regex.findall(text)) for regex in by_lang.values())
		if count:
			hits[category] = count
	return hits


def polarity(text: str) -> tuple[int, int]:
	"""(positive, negative) word counts of a lower-cased cleaned text, negations turning the word after."""
	patterns = compiled()
	counts = [0, 0]
	for lang in ("zh", "en"):
		spans = [(m, 0) for m in patterns["positive"][lang].finditer(text)]
		spans += [(m, 1) for m in patterns["negative"][lang].finditer(text)]
		taken: list[tuple[int, int]] = []
		# Longer matches first, then drop the matches inside them ("不满意" over "满意").
		for match, side in sorted(spans, key=lambda pair: -(pair[0].end() - pair[0].start())):
			if any(start < match.end() and match.start() < end for start, end in taken):
				continue
			taken.append((match.start(), match.end()))
			before = text[max(0, match.start() - (3 if lang == "zh" else 32)) : match.start()]
			negated = bool(patterns["negators"][lang].search(before))
			counts[side ^ negated] += 1
	return counts[0], counts[1]
