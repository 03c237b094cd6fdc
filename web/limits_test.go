package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/psephos/psephos/compare"
	"github.com/psephos/psephos/internal/datadir"
)

// generated is a generic CSV of contests with per candidates each.
func generated(contests, per int) []byte {
	var b bytes.Buffer
	b.WriteString("contest,party,votes\n")
	for i := 0; i < contests; i++ {
		for k := 0; k < per; k++ {
			fmt.Fprintf(&b, "C%d,P%d,%d\n", i, k, 1+(i+k)%97)
		}
	}
	return b.Bytes()
}

// What an upload may cost is bounded at every step: its fields before it
// is read, its contests and candidates once read, and the memory of the
// uploads kept together (the oldest dropped first, an upload too large for
// the budget alone refused). The default size limit fits the largest
// official results file here (2.7 MB) with room to spare.
func TestUploadLimits(t *testing.T) {
	if DefaultMaxUpload > 8<<20 || DefaultMaxCells < 187_176 {
		t.Errorf("defaults: %d bytes, %d cells (the 2019 notional file has 187,176)", DefaultMaxUpload, DefaultMaxCells)
	}
	s, err := New(Config{MaxCells: 5000, MaxContests: 200, MaxCandidates: 1000, UploadMemory: 1 << 20, Uploads: 100})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	var e apiError
	post(t, ts, "/api/upload?name=wide.csv", bytes.NewReader(generated(2000, 1)), "text/csv", 413, &e) // 6,003 cells
	if !strings.Contains(e.Error, "wide.csv has about 6003 fields (cells), more than the 5000 this server reads") {
		t.Errorf("cells: %q", e.Error)
	}
	post(t, ts, "/api/upload?name=many.csv", bytes.NewReader(generated(300, 2)), "text/csv", 413, &e)
	if !strings.Contains(e.Error, "many.csv has 300 contests and 600 candidates; this server keeps uploads of at most 200 contests and 1000 candidates") {
		t.Errorf("contests: %q", e.Error)
	}
	post(t, ts, "/api/upload?name=long.csv", bytes.NewReader(generated(90, 12)), "text/csv", 413, &e)
	if !strings.Contains(e.Error, "90 contests and 1080 candidates") {
		t.Errorf("candidates: %q", e.Error)
	}
	// The budget: uploads of about 100 kB each (Footprint), in a budget of
	// 1 MiB.
	var ids []string
	var held int64
	for i := 0; i < 40; i++ {
		data := generated(150, 3+i%2)
		data = append(data, fmt.Sprintf("X%d,P0,1\n", i)...)
		var u UploadJSON
		post(t, ts, "/api/upload?name=f.csv", bytes.NewReader(data), "text/csv", 200, &u)
		ids = append(ids, u.Election)
		s.mu.Lock()
		held = s.memory
		n, sum := len(s.uploads), int64(0)
		for _, x := range s.uploads {
			sum += x.cost
		}
		s.mu.Unlock()
		if held > 1<<20 || sum != held || n == 0 {
			t.Fatalf("after %d uploads: %d held in %d, sum %d, budget %d", i+1, held, n, sum, 1<<20)
		}
	}
	s.mu.Lock()
	kept := len(s.uploads)
	s.mu.Unlock()
	if kept >= 40 || kept < 5 {
		t.Errorf("%d of 40 uploads kept in 1 MiB", kept)
	}
	get(t, ts, "/api/count?election="+ids[0], 404, &e)   // the oldest: dropped
	get(t, ts, "/api/count?election="+ids[39], 200, nil) // the newest: kept
	// One upload larger than the whole budget is refused, and keeps nothing.
	small, err := New(Config{UploadMemory: 10 << 10})
	if err != nil {
		t.Fatal(err)
	}
	ts2 := httptest.NewServer(small)
	defer ts2.Close()
	post(t, ts2, "/api/upload?name=big.csv", bytes.NewReader(generated(150, 3)), "text/csv", 413, &e)
	if !strings.Contains(e.Error, "of the server's memory, more than the 0 MB it keeps for uploads") || len(small.uploads) != 0 {
		t.Errorf("over the budget: %q, %d kept", e.Error, len(small.uploads))
	}
}

// The request time limit stops the work, not only the answer: the view's
// systems are not computed once the context is done, an upload answered
// 503 is not kept, the log says 503 (what the client got), and the page's
// own view is under the limit too (the page is served without it).
func TestTimeLimitStopsWork(t *testing.T) {
	// Past the deadline, runSystems computes nothing.
	good := generated(3, 3)
	base, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	base.ServeHTTP(rec, httptest.NewRequest("POST", "/api/upload?name=g.csv", bytes.NewReader(good)))
	if rec.Code != 200 {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body)
	}
	el := base.uploads[0].e
	done, cancel := context.WithCancel(context.Background())
	cancel()
	sys, _ := compare.ParseSystem("sainte-lague")
	if c, failed, err := runSystems(done, el.Election, el.Results, []compare.System{sys, sys}, compare.Options{}); !errors.Is(err, context.Canceled) || c != nil || failed != nil {
		t.Errorf("runSystems after the deadline: %v, %v, %v", c, failed, err)
	}
	if v, err := base.buildView(done, map[string][]string{"election": {base.uploads[0].id}}, true); !errors.Is(err, context.Canceled) || v != nil {
		t.Errorf("buildView after the deadline: %v", err)
	}

	// Over HTTP, with a limit no request can meet.
	var logged syncBuffer
	var s *Server
	ts, _ := newTestServer(t, func(c *Config) { c.Timeout = time.Nanosecond; c.Log = log.New(&logged, "", 0) })
	s = ts.Config.Handler.(*Server)
	var e apiError
	post(t, ts, "/api/upload?name=g.csv", bytes.NewReader(good), "text/csv", 503, &e)
	s.mu.Lock()
	kept := len(s.uploads)
	s.mu.Unlock()
	if e.Error != "the request took longer than 1ns and was stopped" || kept != 0 {
		t.Errorf("upload past the limit: %q, %d kept", e.Error, kept)
	}
	get(t, ts, "/api/view?system=sainte-lague", 503, &e)
	var page string
	get(t, ts, "/", 200, &page)
	if strings.Contains(page, `id="initial-view"`) {
		t.Error("the page's view was built past the limit")
	}
	lines := logged.String()
	if !strings.Contains(lines, "POST /api/upload?name=g.csv: 503 the request took longer than 1ns") || !strings.Contains(lines, "GET /api/view?system=sainte-lague: 503 the request took longer than 1ns") ||
		!strings.Contains(lines, "GET /: the page's view was left out: the request took longer than 1ns") || strings.Contains(lines, " 500 ") {
		t.Errorf("log:\n%s", lines)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// The side-by-side table is filled as far as it can be: a 35% threshold
// leaves no party qualifying in some regions, so the list systems by
// region fail; FPTP (the system asked for) is drawn, the failed systems
// have their error in the table and a note, and asking for one of them
// fails the view.
func TestViewBestEffort(t *testing.T) {
	ts, _ := newTestServer(t, nil)
	var v struct {
		viewResult
		Systems []ViewSystem `json:"systems"`
		Notes   []string     `json:"notes"`
	}
	get(t, ts, "/api/view?threshold=35", 200, &v)
	failed := 0
	for _, x := range v.Systems {
		switch {
		case x.Error != "" && x.Seats == nil:
			failed++
		case x.Error == "" && len(x.Seats) == len(v.Parties):
		default:
			t.Errorf("system %+v", x)
		}
	}
	if v.seats("Lab") != 411 || failed == 0 || failed == len(v.Systems) || !strings.Contains(strings.Join(v.Notes, "\n"), "is left out of the table of systems: dhondt@region: ") {
		t.Errorf("Lab %d, %d of %d systems failed, notes %q", v.seats("Lab"), failed, len(v.Systems), v.Notes)
	}
	var e apiError
	get(t, ts, "/api/view?threshold=35&system=dhondt@region", 422, &e)
	if !strings.Contains(e.Error, "dhondt@region") {
		t.Errorf("the system asked for failed: %q", e.Error)
	}
}

// The map is drawn only where the layout fits the election: 2019 was
// fought on the old boundaries, so the 2024 layout matches only a few of
// its 650 contests and the map is left out, saying why. A file of some
// 2024 constituencies (Scotland's 57, from the Library's CBP-10009 file)
// is drawn, its legend counting the hexes drawn.
func TestMapFitsTheElection(t *testing.T) {
	ts, _ := newTestServer(t, nil)
	var v struct {
		viewResult
		MapLegend []ViewLegend `json:"map_legend"`
	}
	get(t, ts, "/api/view?election=uk-ge-2019", 200, &v)
	if v.Map || v.SVG.Map != "" || !strings.Contains(v.MapNote, "No map: only ") || !strings.Contains(v.MapNote, "of this election's 650 contests are in the hex layout") || len(v.MapLegend) != 0 {
		t.Errorf("2019: map %v, note %q, legend %v", v.Map, v.MapNote, v.MapLegend)
	}
	data, err := os.ReadFile(datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	scotland := []string{lines[0]}
	for _, l := range lines[1:] {
		if strings.Contains(l, ",Scotland,") {
			scotland = append(scotland, l)
		}
	}
	var u UploadJSON
	post(t, ts, "/api/upload?name=scotland.csv", strings.NewReader(strings.Join(scotland, "\n")+"\n"), "text/csv", 200, &u)
	get(t, ts, "/api/view?election="+u.Election, 200, &v)
	hexes := 0
	for _, l := range v.MapLegend {
		hexes += l.Hexes
	}
	// Scotland has 57 constituencies; the SNP won 9 and Labour 37
	// (CBP-10009).
	if u.Contests != 57 || !v.Map || hexes != 57 || v.MapLegend[0].Party != "Lab" || v.MapLegend[0].Hexes != 37 || !strings.Contains(v.MapNote, "57 of this election's 57 contests are on the map of 650 hexes; the legend counts the hexes drawn") {
		t.Errorf("Scotland: %d contests, map %v, %d hexes in the legend %v, note %q", u.Contests, v.Map, hexes, v.MapLegend, v.MapNote)
	}
}

// An uploaded file with a tie (edge case 21: Millbrook, Alice Archer (Red)
// and Bob Baker (Blue) on 1,234 votes each; Blue wins Hillcrest): the view
// counts the seat as pending and says which tie it is, the tied parties'
// lines say they are tied for first, and the hemicycle has a dot for it.
func TestUploadWithTie(t *testing.T) {
	data, err := os.ReadFile(datadir.Case(t, "21-fptp-tie-decided-by-lot/results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := newTestServer(t, nil)
	var u UploadJSON
	post(t, ts, "/api/upload?name=results.csv", bytes.NewReader(data), "text/csv", 200, &u)
	var v struct {
		viewResult
		Pending   int      `json:"pending"`
		Undecided []string `json:"undecided"`
	}
	get(t, ts, "/api/view?election="+u.Election, 200, &v)
	lines := map[string]string{}
	for _, p := range v.Parties {
		lines[p.Party] = p.Summary
	}
	if v.Pending != 1 || len(v.Undecided) != 1 || v.Undecided[0] != "Millbrook: tie between Alice Archer and Bob Baker, 1,234 votes each, to be decided by lot" ||
		!strings.Contains(lines["Red"], "tied for first in 1 contest") || !strings.Contains(lines["Blue"], "tied for first in 1 contest") ||
		!strings.Contains(v.SVG.Parliament, `data-party="" data-seats="1"`) {
		t.Errorf("pending %d, undecided %q, lines %q", v.Pending, v.Undecided, lines)
	}
}

// Upload errors are worded for the page, not the command line: no flags;
// a compressed file is named as such, not echoed.
func TestUploadErrorsForTheWeb(t *testing.T) {
	ts, _ := newTestServer(t, nil)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("contest,party,votes\nA,Red,1\n"))
	zw.Close()
	for _, c := range []struct {
		name, body, want string
	}{
		{"r.csv.gz", gz.String(), "r.csv.gz:1: the file is gzip-compressed (.gz), not a results file in text: expected CSV or XML; decompress it first"},
		{"semi.csv", "contest;party;votes\nA;Red;1\n", "the header is one field: the page reads comma-separated files (save it as CSV with commas)"},
		{"cols.csv", "contest,votes\nA,1\n", `as the generic CSV it lacks the column(s) party: rename its columns to contest, party and votes (see the README), or choose its format`},
		{"other.csv", "a,b\n1,2\n", "give it the generic CSV's columns contest, party and votes (see the README), or choose its format"},
	} {
		var e apiError
		post(t, ts, "/api/upload?name="+c.name, strings.NewReader(c.body), "text/csv", 422, &e)
		if !strings.Contains(e.Error, c.want) || strings.Contains(e.Error, "--") || strings.Contains(e.Error, "\\x1f") {
			t.Errorf("%s: %q", c.name, e.Error)
		}
	}
	var e apiError
	post(t, ts, "/api/upload?name=cols.csv&input_format=csv", strings.NewReader("contest,votes\nA,1\n"), "text/csv", 422, &e)
	if strings.Contains(e.Error, "--") || !strings.Contains(e.Error, "the generic CSV needs the columns contest, party and votes") {
		t.Errorf("forced csv: %q", e.Error)
	}
}
