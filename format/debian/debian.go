package debian

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/format/internal/lines"
)

// Format is the reader's name.
const Format = "debian-tally"

// optionLine matches "   |/  Option 2-------->: Ari Pollak".
var optionLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[ \t|/]*Option[ \t]+([0-9]+)-*>:[ \t]*(.*)$`)
})

var headOption = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^[ \t|/]*Option[ \t]+1-*>:`) })

// Is reports whether head is the start of a tally sheet: an "Option 1" line
// and a "V: " ballot line, or the devotee title.
func Is(head []byte) bool {
	if bytes.Contains(head, []byte("Tally Sheet for the votes cast")) {
		return true
	}
	// Plain searches first, for letters that a file of numbers lacks: the
	// pattern, or a search starting with a newline, is slow on a 64 KB
	// head, and detection asks every file (a folder of 1,100 BLT files)
	// this question.
	return bytes.Contains(head, []byte("Option")) && ballotLine(head) && headOption().Match(head)
}

// ballotLine reports whether head has a line starting "V: ".
func ballotLine(head []byte) bool {
	for i := 0; ; {
		j := bytes.Index(head[i:], []byte("V: "))
		if j < 0 {
			return false
		}
		if k := i + j; k > 0 && head[k-1] == '\n' {
			return true
		}
		i += j + 1
	}
}

// Options configure Read.
type Options struct {
	// KeepOrder keeps the ballots' order.
	KeepOrder bool
}

// Read reads a tally sheet. name names the input in errors.
func Read(r io.Reader, name string, opt Options) (*ballot.Profile, error) {
	lr := lines.New(r, name)
	p := ballot.NewProfile(nil)
	p.EqualRanks = true
	if opt.KeepOrder {
		p.KeepOrder()
	}
	latin1 := false
	votes := false
	var marks []ballot.Mark
	for {
		b, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		t := bytes.TrimSpace(b)
		if m := optionLine().FindSubmatch(b); m != nil {
			if votes {
				return nil, lr.Errorf("expected a ballot line \"V: ranks hash\", found an option line after the ballots began")
			}
			k, err := strconv.Atoi(string(m[1]))
			if err != nil || k != len(p.Candidates)+1 {
				return nil, lr.Errorf("expected Option %d, found Option %s", len(p.Candidates)+1, m[1])
			}
			nm := bytes.TrimSpace(m[2])
			if len(nm) == 0 {
				return nil, lr.Errorf("expected the name of option %d after \">:\", found nothing", k)
			}
			s := string(nm)
			if !utf8.Valid(nm) {
				s, latin1 = fromLatin1(nm), true
			}
			if k > 9 {
				return nil, lr.Errorf("option %d: ballots rank with one digit 1-9, so a sheet can have at most 9 options", k)
			}
			p.AddCandidate(s)
			continue
		}
		if len(p.Candidates) == 0 {
			if bytes.HasPrefix(t, []byte("V:")) {
				return nil, lr.Errorf("expected the option lines (\"Option 1--->: Name\") before the first ballot line")
			}
			continue // the header's free text
		}
		if len(t) == 0 || len(bytes.Trim(t, "|/ \t")) == 0 || len(bytes.Trim(t, "-=")) == 0 {
			continue // blank, the option labels' bars, or a -=-= rule
		}
		if !bytes.HasPrefix(t, []byte("V:")) {
			return nil, lr.Errorf("expected a ballot line \"V: ranks hash\", found %s", lines.Show(t))
		}
		f := bytes.Fields(t[2:])
		if len(f) == 0 || len(f) > 2 {
			return nil, lr.Errorf("expected \"V: \" then the ranks and a hash, found %s", lines.Show(t))
		}
		ranks := f[0]
		if len(ranks) != len(p.Candidates) {
			return nil, lr.Errorf("expected %d ranks (one per option), found %d in %q", len(p.Candidates), len(ranks), ranks)
		}
		marks = marks[:0]
		for d := byte('1'); d <= '9'; d++ {
			first := true
			for i, c := range ranks {
				if c != d {
					continue
				}
				if !first {
					marks = append(marks, ballot.Equal)
				}
				marks = append(marks, ballot.Mark(i))
				first = false
			}
		}
		for i, c := range ranks {
			if c != '-' && (c < '1' || c > '9') {
				return nil, lr.Errorf("option %d: expected a rank 1-9 or \"-\" (unranked), found %q", i+1, c)
			}
		}
		p.Add(marks, 1)
		votes = true
	}
	if len(p.Candidates) == 0 {
		return nil, lr.Errorf("expected a Debian tally sheet: option lines (\"Option 1--->: Name\") then ballot lines (\"V: 21-3 hash\"), found none")
	}
	if latin1 {
		p.Notes = append(p.Notes, "Option names that were not valid UTF-8 were read as ISO 8859-1.")
	}
	return p, nil
}

// fromLatin1 decodes ISO 8859-1 bytes: each byte is the code point of the
// same value.
func fromLatin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
