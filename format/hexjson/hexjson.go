package hexjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/psephos/psephos/election"
)

// A Hex is one area's cell.
type Hex struct {
	ID     string // the area code, e.g. E14001290
	Name   string // "n"
	Q, R   int    // column and row in the layout's offset coordinates
	Region string // "region", "" when absent
}

// A Layout is a hex cartogram.
type Layout struct {
	// Kind is the offset layout as HexJSON names it: "odd-r" or "even-r"
	// (pointy-topped hexes in rows, the odd or even rows shifted right by
	// half a hex) or "odd-q" or "even-q" (flat-topped hexes in columns, the
	// odd or even columns shifted by half a hex). Rows count upwards.
	Kind  string
	Hexes []Hex // in order of ID
}

// Read reads a HexJSON file; name is used in errors.
func Read(r io.Reader, name string) (*Layout, error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, err
	}
	var raw struct {
		Layout string                     `json:"layout"`
		Hexes  map[string]json.RawMessage `json:"hexes"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, jsonError(data, name, err)
	}
	pos := election.Pos{File: name}
	switch raw.Layout {
	case "odd-r", "even-r", "odd-q", "even-q":
	default:
		return nil, &election.Error{Pos: pos, Msg: fmt.Sprintf("layout %q: expected odd-r, even-r, odd-q or even-q", raw.Layout)}
	}
	if len(raw.Hexes) == 0 {
		return nil, &election.Error{Pos: pos, Msg: `no "hexes": expected an object of area code to {"n", "q", "r"}`}
	}
	l := &Layout{Kind: raw.Layout}
	cells := map[[2]int]string{}
	ids := make([]string, 0, len(raw.Hexes))
	for id := range raw.Hexes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		var h struct {
			N      string `json:"n"`
			Q      *int   `json:"q"`
			R      *int   `json:"r"`
			Region string `json:"region"`
		}
		p := election.Pos{File: name, Line: lineOf(data, []byte(fmt.Sprintf("%q", id)))}
		if err := json.Unmarshal(raw.Hexes[id], &h); err != nil {
			return nil, &election.Error{Pos: p, Msg: fmt.Sprintf("hex %q: expected {\"n\": name, \"q\": integer, \"r\": integer}: %v", id, err)}
		}
		if h.Q == nil || h.R == nil {
			return nil, &election.Error{Pos: p, Msg: fmt.Sprintf("hex %q: expected integer \"q\" and \"r\"", id)}
		}
		c := [2]int{*h.Q, *h.R}
		if other, dup := cells[c]; dup {
			return nil, &election.Error{Pos: p, Msg: fmt.Sprintf("hex %q is in the same cell (q %d, r %d) as %q", id, c[0], c[1], other)}
		}
		cells[c] = id
		l.Hexes = append(l.Hexes, Hex{ID: id, Name: h.N, Q: *h.Q, R: *h.R, Region: h.Region})
	}
	return l, nil
}

func jsonError(data []byte, name string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	p := election.Pos{File: name}
	if off >= 0 && off <= int64(len(data)) {
		p.Line = bytes.Count(data[:off], []byte("\n")) + 1
	}
	return &election.Error{Pos: p, Msg: "expected HexJSON (a JSON object with \"layout\" and \"hexes\"): " + err.Error()}
}

// lineOf is the line of the first occurrence of key, or 0.
func lineOf(data, key []byte) int {
	i := bytes.Index(data, key)
	if i < 0 {
		return 0
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}
