// Package report renders counted and measured elections for people and
// programs: a terminal table, Markdown, CSV and JSON. Numbers are formatted
// for reading in tables (thousands separators, shares to one or two
// decimals) and kept whole in CSV and JSON.
//
// The JSON layout is documented in the README and is stable: fields are only
// ever added. Shares are percentages (0–100); counts are whole numbers; a
// value the source does not give is null.
//
// The package renders; it does not count. Its inputs come from plurality,
// measure, apportion (WriteApportionment: seats, the order of award with
// exact quotients as strings, ties) and compare (WriteComparison: one
// election under several systems).
package report
