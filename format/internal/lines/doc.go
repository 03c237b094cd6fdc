// Package lines reads a text file line by line for psephos's ballot readers:
// a leading UTF-8 byte-order mark removed, CR LF and LF endings both
// accepted, the line number kept for errors (file:line), and lines of any
// length up to a limit.
package lines
