// Command psephos counts elections the way the law counts them, explains
// what the count means (seats against votes), projects what other rules or
// other votes would give, and shows it as tables, Markdown, CSV, JSON or SVG.
//
//	psephos report uk-ge-2024               seats against votes, indices, a line per party
//	psephos report FILE --by nation         the same for each nation
//	psephos report uk-ge-2024 --svg map     a chart: parliament, map or bars
//	psephos explain uk-ge-2024 --party RUK  one party in depth
//	psephos count FILE                      every contest's result
//	psephos count BALLOTS --rule PRESET     ranked ballots by instant-runoff, round by round
//	psephos convert BALLOTS OUT.blt         ranked ballots to BLT, PrefLib or count,ranking CSV
//	psephos apportion FILE -m dhondt -n 150 party-list seat allocation
//	psephos compare uk-ge-2024              the same votes under other systems
//	psephos project BASELINE --share ...    seats from new vote shares (swing models)
//	psephos backtest BASELINE ACTUAL        each swing model against a real result
//	psephos datasets                        the named official results files
//
// Run psephos help COMMAND for the flags. The command line only parses flags,
// calls the packages and renders; no election logic lives here. Output goes
// to standard output only when the command succeeds; errors are one line on
// standard error and a non-zero exit status (1 for bad input, 2 for bad
// usage). Before a large input (a ballot file of 3 MB, a batch, a thousand
// simulations) it asks Linux for huge pages for its heap, which changes
// the speed, never a result (hugepages_linux.go; BENCHMARKS.md).
package main
