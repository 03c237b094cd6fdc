package web

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"runtime"
	"testing"

	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/plurality"
)

// The server side of the page: one view of the 2024 election (count as
// held, every system of the page compared, three SVG charts), the same
// under another system, and a projection from moved shares.
func BenchmarkView2024(b *testing.B) {
	ts, _ := newTestServer(b, nil)
	share := url.QueryEscape("Lab=29.6,Con=24.4,RUK=19.7,LD=12.6,Green=6.9,SNP=2.6,Oth=4.2")
	for _, c := range []struct{ name, query string }{
		{"fptp", ""},
		{"dhondt-region", "&system=dhondt@region"},
		{"projection-uns", "&share=" + share},
		{"projection-transition", "&model=transition&share=" + share},
	} {
		b.Run(c.name, func(b *testing.B) {
			get := func() {
				res, err := http.Get(ts.URL + "/api/view?election=uk-ge-2024" + c.query)
				if err != nil || res.StatusCode != 200 {
					b.Fatal(err, res.Status)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			get() // loads the election once
			b.ResetTimer()
			for b.Loop() {
				get()
			}
		})
	}
}

// BenchmarkUploadFootprint reads and counts a file as an upload is read,
// and reports the heap it keeps (retained-B/op, after a collection), what
// Footprint estimates (footprint-B/op) and the allocations of reading it:
// the check of the memory budget's estimate. Files: the worst case of one
// candidate a contest and ordinary shapes, generated at the limit of
// 100,000 candidates (300,003 fields), and the official 2024 and 2019
// notional results.
func BenchmarkUploadFootprint(b *testing.B) {
	files := []struct {
		name string
		data []byte
	}{
		{"generated-1-per-contest", generated(100_000, 1)},
		{"generated-5-per-contest", generated(20_000, 5)},
		{"generated-50-per-contest", generated(2_000, 50)},
	}
	for _, rel := range []string{"uk/ge2024/HoC-GE2024-results-by-candidate.csv", "uk/ge2019-notional/candidate-level-results-notional-general-election-12-12-2019.csv"} {
		data, err := os.ReadFile(datadir.Path(b, rel))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, struct {
			name string
			data []byte
		}{path.Base(rel), data})
	}
	for _, f := range files {
		b.Run(f.name, func(b *testing.B) {
			var retained, estimate float64
			for b.Loop() {
				runtime.GC()
				var m0, m1 runtime.MemStats
				runtime.ReadMemStats(&m0)
				e, used, err := format.ReadResults(bytes.NewReader(f.data), f.name, format.Options{})
				if err != nil {
					b.Fatal(err)
				}
				rs, err := plurality.CountElection(e, plurality.TieBreak{})
				if err != nil {
					b.Fatal(err)
				}
				el := &Election{Election: e, Results: rs, Title: f.name, Source: f.name + " (uploaded)", Format: used}
				runtime.GC()
				runtime.ReadMemStats(&m1)
				retained += float64(int64(m1.HeapAlloc) - int64(m0.HeapAlloc))
				estimate += float64(Footprint(el, int64(len(f.data))))
				runtime.KeepAlive(el)
			}
			b.ReportMetric(retained/float64(b.N), "retained-B/op")
			b.ReportMetric(estimate/float64(b.N), "footprint-B/op")
		})
	}
}
