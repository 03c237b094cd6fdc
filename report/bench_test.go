package report

import (
	"io"
	"testing"

	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/stv"
)

// The stage table of the Tasmania 2019 Senate count (139 counts, 44
// candidates) as a terminal table: rendering only.
func BenchmarkWriteSTVTasmania2019(b *testing.B) {
	path := datadir.Path(b, "ranked/aus-senate/fed2019/tas/data/aec-senate-formalpreferences-24310-TAS.csv.gz")
	p, fm, err := format.ReadBallotsFile(path, format.BallotOptions{})
	if err != nil {
		b.Fatal(err)
	}
	r, _ := stv.Preset("australian-senate")
	r.Seats = 6
	res, err := stv.Count(p, r)
	if err != nil {
		b.Fatal(err)
	}
	x := &Runoff{Election: "t", Source: path, InputFormat: fm, Result: res}
	b.ReportAllocs()
	for b.Loop() {
		WriteRunoff(io.Discard, x, "table")
	}
}
