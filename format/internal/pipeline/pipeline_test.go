package pipeline

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/psephos/psephos/ballot"
)

// lineParser reads a line of one candidate number; a blank line is an
// error, as it is to the AEC reader.
type lineParser struct{}

func (lineParser) Parse(line []byte, marks []ballot.Mark) ([]ballot.Mark, int64, error) {
	if len(line) == 0 {
		return nil, 0, errors.New("blank line")
	}
	return append(marks, ballot.Mark(line[0]-'0')), 1, nil
}

// Every line reaches a worker, blank lines included: a batch that holds
// only blank lines (after a full one was sent) is parsed too, and its
// first bad line is reported at its line number. Before, such a batch
// was dropped, and a file ending in blank lines read without an error
// when they fell just past a batch.
func TestBlankLinesAfterAFullBatch(t *testing.T) {
	p := ballot.NewProfile([]string{"A", "B"})
	a := New(p, Options{File: "f", ParallelAfter: 1, NewParser: func() Parser { return lineParser{} }})
	line := []byte("1" + strings.Repeat(" ", 63)) // 64 bytes
	n := 0
	// The first line is read in order and starts the workers; the next
	// 1,024 fill one batch exactly (BatchSize bytes), which is sent.
	for k := 0; k < 1+BatchSize/len(line); k++ {
		n++
		if err := a.Line(line, n); err != nil {
			t.Fatal(err)
		}
	}
	if len(a.cur.stop) != 0 {
		t.Fatalf("the batch was not sent: %d lines in it", len(a.cur.stop))
	}
	for k := 0; k < 2; k++ {
		n++
		if err := a.Line(nil, n); err != nil {
			t.Fatal(err)
		}
	}
	err := a.Finish()
	if err == nil || !strings.Contains(err.Error(), "blank line") || !strings.HasPrefix(err.Error(), "f:"+strconv.Itoa(n-1)+":") {
		t.Errorf("err = %v, want the blank line at f:%d", err, n-1)
	}
}
