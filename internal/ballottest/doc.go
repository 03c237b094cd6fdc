// Package ballottest holds checks shared by the ballot readers' tests and
// fuzz tests.
package ballottest
