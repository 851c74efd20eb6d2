# Reading the facts document: dates and money arrive either already in Rego's own forms (the
# native input: dates as nanoseconds since the Unix epoch, as time.parse_ns gives them; money as
# integer fen) or as the JSON document has them ("YYYY-MM-DD"; yuan as a decimal string).
package regula.facts

import rego.v1

day_ns := 86400000000000

# A date as nanoseconds since 1970-01-01T00:00:00Z (midnight UTC).
ns(x) := x if is_number(x)

ns(x) := time.parse_ns("2006-01-02", x) if is_string(x)

# A date as [year, month, day], which compare like the dates they are.
ymd(x) := time.date(ns(x))

# Month arithmetic as the Civil Code counts it (arts. 201-202): the corresponding day of the
# target month, or that month's last day when it has none (2020-02-29 + 12 months = 2021-02-28;
# 2019-08-31 + 6 months = 2020-02-29). time.add_date is not used: OPA normalizes an overflowing
# day into the next month, regorus drops a 29 February when adding years.
add_months(x, k) := [y, m, min([d, days_in_month(y, m)])] if {
	[y0, m0, d] := ymd(x)
	i := ((y0 * 12) + m0) + (k - 1)
	m := (i % 12) + 1
	y := (i - (m - 1)) / 12
}

days_in_month(y, m) := [31, february(y), 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]

february(y) := 29 if leap_year(y)

else := 28

leap_year(y) if {
	y % 4 == 0
	y % 100 != 0
}

leap_year(y) if y % 400 == 0

# Money in integer fen, exact: "1234567.8" is 123456780. The digits after the point are padded
# to two and read behind a leading 1, since to_number reads JSON and "05" is not a JSON number.
fen(x) := x if is_number(x)

fen(x) := to_number(x) * 100 if {
	is_string(x)
	not contains(x, ".")
}

fen(x) := (to_number(yuan) * 100 + to_number(concat("", ["1", cents, substring("00", 0, 2 - count(cents))]))) - 100 if {
	is_string(x)
	[yuan, cents] := split(x, ".")
	count(cents) <= 2
}
