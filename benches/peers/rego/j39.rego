# 吉人社联〔2020〕20号 初次创业补贴 (policies/jilin/39.yaml): 5000元 once, for the listed founders.
package regula.j39

import rego.v1

import data.regula.facts

enterprise := input.enterprise

person := input.person

today := facts.ymd(input.as_of)

registered := facts.ymd(enterprise.registration_date)

# document.effective
in_force if today >= [2020, 4, 30]

small_or_micro if enterprise.size in {"small", "micro"}

founds_small_business if enterprise.is_individual_business

founds_small_business if small_or_micro

# 一: registered since 2018-01-01, first time in Jilin, in one's own name, as legal
# representative or operator of a small or micro enterprise or an individual business.
common_conditions if {
	registered >= [2018, 1, 1]
	person.first_registration_in_jilin
	person.registered_with_own_identity
	founds_small_business
	person.business_role in {"legal_representative", "operator"}
}

registered_for(months) if facts.add_months(enterprise.registration_date, months) <= today

difficulty_or_recent_graduate if person.applicant_group == "employment_difficulty"

difficulty_or_recent_graduate if {
	person.applicant_group == "college_graduate"
	registered <= facts.add_months(person.school_leaving_date, 24)
}

group_difficulty_graduate if {
	common_conditions
	difficulty_or_recent_graduate
	enterprise.operating_normally
	registered_for(12)
}

group_poor_labour if {
	common_conditions
	person.applicant_group == "poor_labour"
	enterprise.operating_normally
	registered_for(6)
}

group_returnee_veteran if {
	common_conditions
	person.applicant_group in {"returning_migrant_worker", "veteran"}
	enterprise.operating_normally
	registered_for(12)
	enterprise.located_in_township
}

listed_founder if group_difficulty_graduate

listed_founder if group_poor_labour

listed_founder if group_returnee_veteran

# 三: who obtained the subsidy by fraud is barred.
fraud_bar if person.startup_subsidy_fraud

# 二: 5000元, not twice.
first_startup_subsidy if {
	in_force
	listed_founder
	not person.received_startup_subsidy
	not fraud_bar
}

default decision := {"status": "does_not_apply"}

decision := {"status": "applies", "subsidy_fen": 500000} if first_startup_subsidy
