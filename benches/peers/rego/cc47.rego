# 长财金〔2020〕1623号 纾困贷款财政贴息 (policies/changchun/47.yaml): 30% of the one-year LPR on the
# contract date, at most 12 months a loan, at most 30万元 an enterprise, rounded half up to the fen.
# Rego numbers are integers or f64, so money is exact integer arithmetic: a loan's subsidy is
# fen × 30 × LPR basis points × months, in units of 1/12,000,000 fen (100 % × 10000 bp × 12 months).
package regula.cc47

import rego.v1

import data.regula.facts

today := facts.ymd(input.as_of)

enterprise := input.enterprise

units_per_fen := 12000000

# 30万元 in those units.
cap_units := 30000000 * units_per_fen

# document.effective 2020-10-28, expires 2021-10-28 (that day included).
in_force if {
	today >= [2020, 10, 28]
	today <= [2021, 10, 28]
}

# 四（五）2: on the relief list, and holds a relief-product loan.
subsidy_application_conditions if {
	enterprise.on_relief_list
	some l in enterprise.loans
	l.is_relief_product
}

# The one-year LPR in force on a day, in basis points (data.lpr_1y: sorted by `from`).
lpr_1y_bp(x) := e.bp if {
	d := facts.ns(x)
	some i, e in data.lpr_1y
	e.from <= d
	not data.lpr_1y[i + 1].from <= d
}

# A relief loan contracted before the first published rate cannot be subsidised.
unrated_relief_loan if {
	some l in enterprise.loans
	l.is_relief_product
	not lpr_1y_bp(l.contract_date)
}

# principal × 30% × LPR(contract date) × min(term, 12)/12, in units of 1/12,000,000 fen.
subsidy_units(l) := ((facts.fen(l.principal) * 30) * lpr_1y_bp(l.contract_date)) * min([l.term, 12]) if l.is_relief_product

else := 0

# Rounded half up to the fen (amounts are never negative).
round_fen(u) := (q - (q % (2 * units_per_fen))) / (2 * units_per_fen) if q := (2 * u) + units_per_fen

interest_subsidy := {"subsidy_fen": round_fen(min([total, cap_units])), "uncapped_fen": round_fen(total), "per_loan_fen": per_loan} if {
	in_force
	subsidy_application_conditions
	not enterprise.same_matter_interest_subsidy
	not unrated_relief_loan
	units := [subsidy_units(l) | some l in enterprise.loans]
	total := sum(units)
	per_loan := [round_fen(u) | some u in units]
}

default decision := {"status": "does_not_apply"}

decision := object.union({"status": "applies"}, interest_subsidy) if interest_subsidy
