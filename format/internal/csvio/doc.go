// Package csvio is the CSV layer shared by psephos's readers: RFC 4180
// records through encoding/csv, a leading UTF-8 byte-order mark removed, every
// field checked to be UTF-8, and every error turned into an
// *election.Error that names file:line and what was expected and found.
package csvio
