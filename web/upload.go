package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"unicode"
	"unsafe"

	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/format/csv"
	"github.com/psephos/psephos/plurality"
)

// UploadJSON is the answer to POST /api/upload.
type UploadJSON struct {
	Election    string `json:"election"` // the ID to name it by in other requests
	Title       string `json:"title"`
	Source      string `json:"source"`
	InputFormat string `json:"input_format"`
	Contests    int    `json:"contests"`
	Seats       int    `json:"seats"`
}

// upload reads a results file sent as multipart/form-data (field "file",
// optional field "input_format") or as the raw request body (parameters
// name and input_format), counts it, and keeps it in memory under an ID
// made from its SHA-256, so the same file always gets the same ID (and
// keeps the name it was first uploaded under). The file never touches the
// disk. Its size, fields, contests and candidates are bounded (Config), and
// so is the memory the uploads kept take together; it is not kept when
// the request's time is up.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload+64<<10) // the file plus the form's own lines
	name, inputFormat := r.URL.Query().Get("name"), r.URL.Query().Get("input_format")
	var data []byte
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		mr, err := r.MultipartReader()
		if err != nil {
			return httpError(http.StatusBadRequest, "upload: %v", err)
		}
		found := false
		for {
			part, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return uploadReadError(err)
			}
			switch part.FormName() {
			case "file":
				if data, err = readLimited(part, s.cfg.MaxUpload); err != nil {
					return err
				}
				name, found = part.FileName(), true
			case "input_format":
				v, err := readLimited(part, 100)
				if err != nil {
					return err
				}
				inputFormat = strings.TrimSpace(string(v))
			}
			part.Close()
		}
		if !found {
			return httpError(http.StatusBadRequest, "upload: no file (expected a form field named \"file\")")
		}
	} else {
		var err error
		if data, err = readLimited(r.Body, s.cfg.MaxUpload); err != nil {
			return err
		}
	}
	if len(data) == 0 {
		return httpError(http.StatusUnprocessableEntity, "upload: the file is empty")
	}
	if inputFormat != "" && !slices.Contains(format.Names(), inputFormat) {
		return httpError(http.StatusBadRequest, "input_format=%q: expected one of %s (or none, to detect it from the header)", inputFormat, strings.Join(format.Names(), ", "))
	}
	name = cleanName(name)
	if n := cells(data); n > s.cfg.MaxCells {
		return httpError(http.StatusRequestEntityTooLarge, "upload: %s has about %d fields (cells), more than the %d this server reads from an upload; count it with the command line (psephos report)", name, n, s.cfg.MaxCells)
	}
	sum := sha256.Sum256(data)
	id := UploadPrefix + hex.EncodeToString(sum[:8])
	if el, ok := s.held(id); ok { // the same bytes again: the same election, as first named
		return writeJSON(w, uploadJSON(id, el))
	}
	// Reading takes memory in proportion to the file: a few at a time.
	select {
	case s.reading <- struct{}{}:
		defer func() { <-s.reading }()
	case <-r.Context().Done():
		return r.Context().Err()
	}
	e, used, err := format.ReadResults(bytes.NewReader(data), name, format.Options{Format: inputFormat})
	if err != nil {
		return httpError(http.StatusUnprocessableEntity, "%s", forTheWeb(err))
	}
	candidates := 0
	for i := range e.Contests {
		candidates += len(e.Contests[i].Candidates)
	}
	if len(e.Contests) > s.cfg.MaxContests || candidates > s.cfg.MaxCandidates {
		return httpError(http.StatusRequestEntityTooLarge, "upload: %s has %d contests and %d candidates; this server keeps uploads of at most %d contests and %d candidates; count it with the command line (psephos report)",
			name, len(e.Contests), candidates, s.cfg.MaxContests, s.cfg.MaxCandidates)
	}
	if err := r.Context().Err(); err != nil {
		return err
	}
	results, err := plurality.CountElection(e, plurality.TieBreak{})
	if err != nil {
		return httpError(http.StatusUnprocessableEntity, "%v", err)
	}
	noun := "contest"
	if strings.HasPrefix(used, "hoc-") || strings.HasPrefix(used, "ukparl-") {
		noun = "constituency"
	}
	title := name
	if e.Name != "" {
		title = e.Name
	}
	el := &Election{Election: e, Results: results, Title: title, Source: name + " (uploaded)", Format: used, Noun: noun}
	cost := Footprint(el, int64(len(data)))
	if cost > s.cfg.UploadMemory {
		return httpError(http.StatusRequestEntityTooLarge, "upload: %s would take about %d MB of the server's memory, more than the %d MB it keeps for uploads; count it with the command line (psephos report)", name, cost>>20, s.cfg.UploadMemory>>20)
	}
	el, err = s.keep(r.Context(), id, el, cost)
	if err != nil {
		return err
	}
	return writeJSON(w, uploadJSON(id, el))
}

func uploadJSON(id string, el *Election) UploadJSON {
	seats := 0
	for i := range el.Election.Contests {
		seats += el.Election.Contests[i].Seats
	}
	return UploadJSON{Election: id, Title: el.Title, Source: el.Source, InputFormat: el.Format, Contests: len(el.Election.Contests), Seats: seats}
}

// forTheWeb words a reader's error for the page: the advice the command
// line gives (its flags) becomes what a person uploading a file can do.
func forTheWeb(err error) string {
	var he *format.HeaderError
	if errors.As(err, &he) {
		msg := he.Pos.String() + ": " + he.Problem()
		switch {
		case he.OneField:
			return msg + "; the header is one field: the page reads comma-separated files (save it as CSV with commas)"
		case len(he.Missing) > 0:
			return msg + fmt.Sprintf("; as the generic CSV it lacks the column(s) %s: rename its columns to contest, party and votes (see the README), or choose its format", strings.Join(he.Missing, ", "))
		}
		return msg + "; give it the generic CSV's columns contest, party and votes (see the README), or choose its format"
	}
	return strings.ReplaceAll(err.Error(), csv.MapHint, "(the generic CSV needs the columns contest, party and votes: rename the file's columns; see the README)")
}

// cells counts the fields of a file before it is read, as a bound on what
// reading it builds: its delimiters (comma, semicolon, tab) and line
// breaks, or an XML file's tags. Every contest and candidate a reader
// makes takes at least one.
func cells(data []byte) int {
	n := 0
	for _, c := range data {
		switch c {
		case ',', ';', '\t', '\n', '<':
			n++
		}
	}
	return n
}

// Footprint estimates the memory an election read from a file of size
// bytes takes while the server holds it, in bytes: its contests,
// candidates and results as laid out in memory (Go's sizes of the
// structs) with an allowance of a half again for the allocator and slices'
// spare room, plus the file's size, since the names read from a line keep
// the line's text alive (encoding/csv gives a record's fields as parts of
// one string). Measured against the heap (BENCHMARKS.md, "Web page and
// API"), it is 1.0 to 1.5 times what the heap holds.
func Footprint(el *Election, size int64) int64 {
	const (
		contest   = int64(unsafe.Sizeof(election.Contest{}) + unsafe.Sizeof(plurality.Result{}))
		candidate = int64(unsafe.Sizeof(election.Candidate{}) + unsafe.Sizeof(plurality.Placing{}) + 2*unsafe.Sizeof(int(0)))
		party     = int64(unsafe.Sizeof(election.Party{}))
		area      = int64(unsafe.Sizeof(election.Area{}))
	)
	e := el.Election
	n := int64(0)
	for i := range e.Contests {
		c := &e.Contests[i]
		n += contest + area*int64(len(c.Areas)) + candidate*int64(len(c.Candidates))
	}
	n += party * int64(len(e.Parties))
	return n*3/2 + size
}

// held returns the upload kept under id, if any, making it the newest.
func (s *Server) held(id string) (*Election, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.touch(id)
}

// touch makes the upload kept under id the newest and returns it; s.mu is
// held.
func (s *Server) touch(id string) (*Election, bool) {
	for i, u := range s.uploads {
		if u.id == id {
			s.uploads = append(append(s.uploads[:i:i], s.uploads[i+1:]...), u)
			return u.e, true
		}
	}
	return nil, false
}

// keep holds an uploaded election, dropping the oldest beyond the limits
// of number and memory; an election already held under id stays as it was
// (the first upload names it). It keeps nothing once ctx is done: a
// request answered with its time limit's 503 leaves no upload behind.
func (s *Server) keep(ctx context.Context, id string, el *Election, cost int64) (*Election, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.touch(id); ok {
		return e, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.uploads = append(s.uploads, &upload{id, el, cost})
	s.memory += cost
	for len(s.uploads) > s.cfg.Uploads || s.memory > s.cfg.UploadMemory {
		s.memory -= s.uploads[0].cost
		s.uploads[0] = nil
		s.uploads = s.uploads[1:]
	}
	return el, nil
}

// readLimited reads all of r, failing with 413 beyond limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, uploadReadError(err)
	}
	if int64(len(data)) > limit {
		return nil, httpError(http.StatusRequestEntityTooLarge, "upload: the file is larger than the limit of %d bytes", limit)
	}
	return data, nil
}

func uploadReadError(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return err // 413, said by writeError
	}
	return httpError(http.StatusBadRequest, "upload: %v", err)
}

// cleanName keeps a file name fit to show in messages: its last element,
// printable characters only, at most 80 of them. It is only ever shown,
// never used as a path.
func cleanName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return -1
	}, name)
	if r := []rune(name); len(r) > 80 {
		name = string(r[:80])
	}
	if name == "" || name == "." || name == "/" {
		return "upload"
	}
	return name
}
