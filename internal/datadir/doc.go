// Package datadir finds the shared folders of real election data and edge
// cases that psephos's tests read, without copying them into the repository.
//
// The data folder is $PSEPHOS_DATA, else ../shared/data next to the module
// root; the cases folder is $PSEPHOS_CASES, else the "cases" folder beside
// the data folder. A relative environment value is taken relative to the
// module root (the folder holding go.mod), so that the same value works
// from every package's test.
//
// When a folder or file is absent the test is skipped with a message saying
// where it belongs; with PSEPHOS_REQUIRE_DATA=1 (as CI sets) the skip
// becomes a failure.
package datadir
