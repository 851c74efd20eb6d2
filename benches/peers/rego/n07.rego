# 保障中小企业款项支付条例 第八、九条 (policies/national/07.yaml): when an agency or a large
# enterprise must pay an SME supplier.
package regula.n07

import rego.v1

import data.regula.facts

contract := input.contract

payer := input.payer

# document.effective
in_force if facts.ymd(input.as_of) >= [2020, 9, 1]

# 第三条: the supplier is an SME established in the PRC (size as at the contract).
sme_supplier if {
	input.enterprise.established_in_prc
	contract.supplier_size in {"medium", "small", "micro"}
}

# 第三条、第二十八条: agencies, institutions, and organisations spending fiscal funds.
agency_payer if payer.kind in {"government_agency", "public_institution"}

agency_payer if {
	payer.kind == "social_organization"
	payer.uses_fiscal_funds
}

# 第三条: a large enterprise, or one not established in the PRC.
large_payer if {
	payer.kind == "enterprise"
	contract.payer_size == "large"
}

large_payer if {
	payer.kind == "enterprise"
	not payer.established_in_prc
}

agency_or_large_payer if agency_payer

agency_or_large_payer if large_payer

scope if {
	sme_supplier
	agency_or_large_payer
	contract.object in {"goods", "works", "services"}
}

# 第九条第二款: the payer delayed the acceptance past its deadline.
acceptance_delay if {
	contract.payment_on_acceptance
	facts.ns(contract.acceptance_date) > facts.ns(contract.acceptance_deadline)
	contract.acceptance_delayed_by_payer
}

# 第八条第三款、第九条: the day the payment term starts.
term_start := facts.ns(contract.acceptance_deadline) if acceptance_delay

else := facts.ns(contract.acceptance_date) if contract.payment_on_acceptance

else := facts.ns(contract.settlement_confirmed_date) if contract.settlement_mode != "on_delivery"

else := facts.ns(contract.delivery_date)

# 第八条: agencies pay within the agreed term but at most 60 days, else 30; large enterprises
# within the agreed term.
term_days := min([contract.payment_term, 60]) if {
	agency_payer
	contract.term_agreed
}

else := 30 if agency_payer

else := contract.payment_term

# The official calendar (data.calendar), 2020-2026: a working day is a weekday that is
# not a holiday, or a weekend day made a working day.
working_day(d) if d in data.calendar.workdays

working_day(d) if {
	not time.weekday(d) in {"Saturday", "Sunday"}
	not d in data.calendar.holidays
}

# 民法典第二百零三条: a term ending on a day off ends on the next working day. No gap between
# working days is a month long; outside the calendar the day is unknown.
next_working_day(d) := min({c |
	d >= data.calendar.first
	some k in numbers.range(0, 30)
	c := d + (k * facts.day_ns)
	c <= data.calendar.last
	working_day(c)
})

due := next_working_day(term_start + (term_days * facts.day_ns))

payment_due if {
	in_force
	scope
}

default decision := {"status": "does_not_apply"}

decision := {"status": "applies", "due": time.date(due)} if {
	payment_due
	due
}

decision := {"status": "undetermined"} if {
	payment_due
	not due
}
