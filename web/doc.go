// Package web serves psephos over HTTP: a JSON API over the same packages as
// the command line (report, count, explain, compare, project), the charts of
// package report as SVG, and one embedded page (HTML, CSS and plain
// JavaScript built into the binary with go:embed; nothing is fetched from
// elsewhere at run time) that shows an election at a glance: the hemicycle,
// the seats-against-votes bars, a hex map of the constituencies with each
// one's result, a plain-language line per party, a switch between first past
// the post and the systems of package compare, vote-share sliders that run a
// swing projection, and the upload of a results file.
//
// The API's JSON is the command line's JSON (the layouts documented in the
// README), so a page, a script and `psephos ... --format json` read the same
// fields. Errors are JSON objects {"error": "...", "status": N} with the
// HTTP status that fits: 400 for a bad parameter, 404 for an unknown election,
// 405 for a wrong method, 413 for an upload over the size limit, 422 for a
// file that no reader accepts (with the reader's file:line message), 503 when
// a dataset cannot be had or a request runs over its time.
//
// Safety: request values never reach the file system. An election is named
// either by a dataset name, looked up in the fixed table the server was given
// (never joined into a path), or by the ID of a file uploaded to this server
// and kept in memory (a bounded number, each under the size limit). Every API
// request runs under a time limit, the server has read, write and idle
// timeouts, and Serve shuts down gracefully: it stops accepting connections
// and lets requests in flight finish.
//
// The package renders and routes; it does not count. Counting is plurality's,
// compare's and swing's; pictures are report's; reading files is format's.
// It keeps no state but the elections it has loaded.
package web
