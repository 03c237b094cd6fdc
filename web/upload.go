package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/psephos/psephos/format"
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
// made from its SHA-256, so the same file always gets the same ID. The
// file never touches the disk.
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
	e, used, err := format.ReadResults(bytes.NewReader(data), name, format.Options{Format: inputFormat})
	if err != nil {
		return httpError(http.StatusUnprocessableEntity, "%v", err)
	}
	results, err := plurality.CountElection(e, plurality.TieBreak{})
	if err != nil {
		return httpError(http.StatusUnprocessableEntity, "%v", err)
	}
	sum := sha256.Sum256(data)
	id := UploadPrefix + hex.EncodeToString(sum[:8])
	noun := "contest"
	if strings.HasPrefix(used, "hoc-") || strings.HasPrefix(used, "ukparl-") {
		noun = "constituency"
	}
	title := name
	if e.Name != "" {
		title = e.Name
	}
	el := &Election{Election: e, Results: results, Title: title, Source: name + " (uploaded)", Format: used, Noun: noun}
	s.keep(id, el)
	seats := 0
	for i := range e.Contests {
		seats += e.Contests[i].Seats
	}
	return writeJSON(w, UploadJSON{Election: id, Title: title, Source: el.Source, InputFormat: used, Contests: len(e.Contests), Seats: seats})
}

// keep holds an uploaded election, dropping the oldest beyond the limit.
func (s *Server) keep(id string, el *Election) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, u := range s.uploads {
		if u.id == id {
			s.uploads = append(s.uploads[:i], s.uploads[i+1:]...)
			break
		}
	}
	s.uploads = append(s.uploads, &upload{id, el})
	if n := len(s.uploads) - s.cfg.Uploads; n > 0 {
		s.uploads = append([]*upload(nil), s.uploads[n:]...)
	}
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
