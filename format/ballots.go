package format

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format/aec"
	"github.com/psephos/psephos/format/blt"
	"github.com/psephos/psephos/format/debian"
	"github.com/psephos/psephos/format/ess"
	"github.com/psephos/psephos/format/internal/csvio"
	"github.com/psephos/psephos/format/irish"
	"github.com/psephos/psephos/format/preflib"
	"github.com/psephos/psephos/format/profile"
	"github.com/psephos/psephos/format/rankcsv"
)

// A BallotReader reads ranked ballots into a profile. name names the input
// in errors (file:line). Every ballot format has one; they all stream.
type BallotReader func(r io.Reader, name string, opt BallotOptions) (*ballot.Profile, error)

// BallotOptions configure [ReadBallots].
type BallotOptions struct {
	// Format forces a reader by name; "" detects it from the content.
	Format string
	// KeepOrder keeps the ballots' order (Irish files always do).
	KeepOrder bool
	// Candidates is a candidates file for formats that do not name them
	// (the AEC's 2016 Senate layout), and State the state to take.
	Candidates string
	State      string
}

// A Ballots format: its name, a line about it, how to recognise the start of
// a file, and its reader.
type Ballots struct {
	Name        string
	Description string
	detect      func(head []byte) bool
	Read        BallotReader
}

// headerIs detects a CSV format by its first line.
func headerIs(is func([]string) bool) func([]byte) bool {
	return func(head []byte) bool {
		line, _, _ := bytes.Cut(csvio.TrimBOM(head), []byte{'\n'})
		f := strings.Split(strings.TrimSpace(string(line)), ",")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		return is(f)
	}
}

// BallotFormats are the ranked-ballot readers, in the order detection tries
// them.
var BallotFormats = []Ballots{
	{ess.Format, "ES&S cast-vote records, Excel workbook (.xlsx): precinct, 1ST CHOICE..., COUNT",
		ess.Is,
		func(r io.Reader, n string, o BallotOptions) (*ballot.Profile, error) {
			return ess.Read(r, n, ess.Options{KeepOrder: o.KeepOrder})
		}},
	{aec.Format, "Australian Electoral Commission Senate formal preferences (2016 and 2019 layouts, gzipped or not)",
		aec.Is,
		func(r io.Reader, n string, o BallotOptions) (*ballot.Profile, error) {
			opt := aec.Options{State: o.State, KeepOrder: o.KeepOrder, CandidatesName: o.Candidates}
			if o.Candidates != "" {
				f, err := os.Open(o.Candidates)
				if err != nil {
					return nil, err
				}
				defer f.Close()
				opt.Candidates = f
			}
			return aec.Read(r, n, opt)
		}},
	{preflib.Format, "PrefLib ordinal preferences (.soc, .soi, .toc, .toi)",
		preflib.Is,
		func(r io.Reader, n string, o BallotOptions) (*ballot.Profile, error) {
			return preflib.Read(r, n, preflib.Options{KeepOrder: o.KeepOrder})
		}},
	{debian.Format, "Debian tally sheet: \"Option N--->: Name\" lines, then \"V: 21-3 hash\" ballots (equal ranks allowed)",
		debian.Is,
		func(r io.Reader, n string, o BallotOptions) (*ballot.Profile, error) {
			return debian.Read(r, n, debian.Options{KeepOrder: o.KeepOrder})
		}},
	{profile.VoteKitFormat, "VoteKit RankProfile CSV (rankings with weights)",
		profile.IsVoteKit,
		func(r io.Reader, n string, o BallotOptions) (*ballot.Profile, error) {
			return profile.ReadVoteKit(r, n, profile.Options{KeepOrder: o.KeepOrder})
		}},
	{profile.CountedFormat, "ranking profile: candidate and party lines, \"-+-\", then \"(A,B,...) : count\" lines",
		profile.IsCounted,
		func(r io.Reader, n string, o BallotOptions) (*ballot.Profile, error) {
			return profile.ReadCounted(r, n, profile.Options{KeepOrder: o.KeepOrder})
		}},
	{rankcsv.LongFormat, "CSV, one row per mark: ballot_id,rank,choice",
		headerIs(rankcsv.IsLong),
		func(r io.Reader, n string, o BallotOptions) (*ballot.Profile, error) {
			return rankcsv.ReadLong(r, n, rankcsv.Options{KeepOrder: o.KeepOrder})
		}},
	{rankcsv.CountedFormat, "CSV, one ranking per row with its count: count,ranking (A>B=C>D)",
		headerIs(rankcsv.IsCounted),
		func(r io.Reader, n string, o BallotOptions) (*ballot.Profile, error) {
			return rankcsv.ReadCounted(r, n, rankcsv.Options{KeepOrder: o.KeepOrder})
		}},
	{irish.Format, "Irish 2002 electronic-voting ballots: quoted codes per line, padded with \"XXXXX\" (order kept)",
		irish.Is,
		func(r io.Reader, n string, _ BallotOptions) (*ballot.Profile, error) {
			return irish.Read(r, n, irish.Options{})
		}},
	{blt.Format, "BLT (ERS/OpenSTV): \"candidates seats\", weighted ballots ending in 0, names, title",
		blt.Is,
		func(r io.Reader, n string, o BallotOptions) (*ballot.Profile, error) {
			return blt.Read(r, n, blt.Options{KeepOrder: o.KeepOrder})
		}},
}

// BallotFormatNames lists the ballot formats' names.
func BallotFormatNames() []string {
	out := make([]string, len(BallotFormats))
	for i, f := range BallotFormats {
		out[i] = f.Name
	}
	return out
}

// LookupBallots returns the ballot format of the given name.
func LookupBallots(name string) (*Ballots, bool) {
	for i := range BallotFormats {
		if BallotFormats[i].Name == name {
			return &BallotFormats[i], true
		}
	}
	return nil, false
}

// DetectBallots returns the ballot format whose signature the start of a
// file (decompressed) matches, or nil.
func DetectBallots(head []byte) *Ballots {
	for i := range BallotFormats {
		if BallotFormats[i].detect(head) {
			return &BallotFormats[i]
		}
	}
	return nil
}

// ReadBallotsFile opens path and reads it with [ReadBallots].
func ReadBallotsFile(path string, opt BallotOptions) (*ballot.Profile, string, error) {
	f, err := openFile(path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	return ReadBallots(f, path, opt)
}

var readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

// ReadBallots reads ranked ballots, choosing the reader from the start of
// the input (after gunzipping it, if it is gzipped) unless opt.Format names
// one. It returns the profile and the name of the format used.
func ReadBallots(r io.Reader, name string, opt BallotOptions) (*ballot.Profile, string, error) {
	// The 64 KB reader is reused from one file to the next (a folder of
	// small files allocates no new one); the readers keep nothing of it.
	br := readers.Get().(*bufio.Reader)
	br.Reset(r)
	defer func() {
		br.Reset(nil)
		readers.Put(br)
	}()
	head, err := br.Peek(br.Size())
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	var in io.Reader = br
	if aec.IsGzip(head) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, "", &election.Error{Pos: election.Pos{File: name}, Msg: "gzip: " + err.Error()}
		}
		defer zr.Close()
		zb := bufio.NewReaderSize(zr, 64<<10)
		head, err = zb.Peek(zb.Size())
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return nil, "", &election.Error{Pos: election.Pos{File: name}, Msg: "gzip: " + err.Error()}
		}
		in = zb
	}
	var f *Ballots
	if opt.Format != "" {
		var ok bool
		if f, ok = LookupBallots(opt.Format); !ok {
			return nil, "", fmt.Errorf("unknown ballot format %q; expected one of: %s", opt.Format, strings.Join(BallotFormatNames(), ", "))
		}
	} else if f = DetectBallots(head); f == nil {
		return nil, "", &election.Error{Pos: election.Pos{File: name, Line: 1}, Msg: fmt.Sprintf(
			"unknown ballot format: the start of the file matches none of %s (force one with --input-format)", strings.Join(BallotFormatNames(), ", "))}
	}
	p, err := f.Read(in, name, opt)
	if err != nil {
		return nil, f.Name, err
	}
	if err := p.Err(); err != nil {
		return nil, f.Name, &election.Error{Pos: election.Pos{File: name}, Msg: err.Error()}
	}
	return p, f.Name, nil
}

// IsBallots reports whether the start of a file (gzipped or not) is a
// ranked-ballot format psephos reads.
func IsBallots(head []byte) bool {
	if aec.IsGzip(head) {
		zr, err := gzip.NewReader(bytes.NewReader(head))
		if err != nil {
			return false
		}
		b := make([]byte, 4096)
		n, _ := io.ReadFull(zr, b)
		head = b[:n]
	}
	return DetectBallots(head) != nil
}
