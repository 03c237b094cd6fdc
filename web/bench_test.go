package web

import (
	"io"
	"net/http"
	"net/url"
	"testing"
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
