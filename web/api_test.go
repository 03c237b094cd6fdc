package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/psephos/psephos/dataset"
	"github.com/psephos/psephos/election"
	"github.com/psephos/psephos/format"
	"github.com/psephos/psephos/format/hexjson"
	"github.com/psephos/psephos/internal/datadir"
	"github.com/psephos/psephos/plurality"
)

// testLoader reads datasets from the shared data folder only (no cache, no
// download) and records the names it was asked for.
type testLoader struct {
	mu    sync.Mutex
	names []string
}

func (l *testLoader) load(ctx context.Context, name string) (*Election, error) {
	l.mu.Lock()
	l.names = append(l.names, name)
	l.mu.Unlock()
	d, ok := dataset.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("test loader: no dataset %q", name)
	}
	path, err := (&dataset.Resolver{DataDir: datadir.Dir()}).Resolve(ctx, d)
	if err != nil {
		return nil, err
	}
	e, used, err := format.ReadResultsFile(path, format.Options{})
	if err != nil {
		return nil, err
	}
	rs, err := plurality.CountElection(e, plurality.TieBreak{})
	if err != nil {
		return nil, err
	}
	return &Election{Election: e, Results: rs, Title: d.Title, Source: d.Name, Format: used, Noun: d.Noun}, nil
}

func ukDatasets() []dataset.Dataset {
	var out []dataset.Dataset
	for _, d := range dataset.All {
		if d.Noun != "" {
			out = append(out, d)
		}
	}
	return out
}

func hexLayout(t testing.TB) *hexjson.Layout {
	f, err := os.Open(datadir.Path(t, "uk/maps/uk-constituencies-2024.hexjson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	l, err := hexjson.Read(f, "uk-constituencies-2024.hexjson")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// newTestServer serves the UK datasets from the shared data (skipping, or
// failing under PSEPHOS_REQUIRE_DATA=1, when they are absent).
func newTestServer(t testing.TB, change func(*Config)) (*httptest.Server, *testLoader) {
	t.Helper()
	datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	l := &testLoader{}
	cfg := Config{Datasets: ukDatasets(), Default: "uk-ge-2024", Load: l.load, HexMap: hexLayout(t), HexMapSource: "uk-2024-hexmap", Seed: 1}
	if change != nil {
		change(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts, l
}

// get fetches path and decodes its JSON into v, checking the status.
func get(t *testing.T, ts *httptest.Server, path string, status int, v any) http.Header {
	t.Helper()
	res, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != status {
		t.Fatalf("GET %s: status %d, want %d: %s", path, res.StatusCode, status, body)
	}
	if ct := res.Header.Get("Content-Type"); strings.HasPrefix(ct, "application/json") && v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v: %s", path, err, body)
		}
	} else if v != nil {
		if p, ok := v.(*string); ok {
			*p = string(body)
		} else {
			t.Fatalf("GET %s: content type %q", path, ct)
		}
	}
	return res.Header
}

type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

// The report, count and explain endpoints give the command line's JSON for
// the 2024 election. Official figures: House of Commons Library CBP-10009
// (../shared/data/README.md): 650 seats, valid votes 28,809,340, Labour 411
// seats and 9,708,716 votes, Reform UK second in 98 constituencies,
// smallest majority Hendon (15).
func TestReportCountExplain2024(t *testing.T) {
	ts, _ := newTestServer(t, nil)
	var rep struct {
		Seats      int   `json:"seats"`
		ValidVotes int64 `json:"valid_votes"`
		Parties    []struct {
			Party        string `json:"party"`
			Seats        int    `json:"seats"`
			Votes        int64  `json:"votes"`
			SecondPlaces int    `json:"second_places"`
		} `json:"parties"`
		SmallestMajority struct {
			Contest string `json:"contest"`
			Votes   int64  `json:"votes"`
		} `json:"smallest_majority"`
		Areas []struct {
			Area string `json:"area"`
		} `json:"areas"`
	}
	get(t, ts, "/api/report?election=uk-ge-2024&by=nation", 200, &rep)
	if rep.Seats != 650 || rep.ValidVotes != 28809340 || rep.SmallestMajority.Contest != "Hendon" || rep.SmallestMajority.Votes != 15 || len(rep.Areas) != 4 {
		t.Errorf("report: seats %d, valid %d, smallest majority %+v, %d nations", rep.Seats, rep.ValidVotes, rep.SmallestMajority, len(rep.Areas))
	}
	got := map[string][3]int64{}
	for _, p := range rep.Parties {
		got[p.Party] = [3]int64{int64(p.Seats), p.Votes, int64(p.SecondPlaces)}
	}
	if got["Lab"][0] != 411 || got["Lab"][1] != 9708716 || got["RUK"][0] != 5 || got["RUK"][2] != 98 {
		t.Errorf("Lab %v, RUK %v", got["Lab"], got["RUK"])
	}

	var count struct {
		Contests []struct {
			Contest  string `json:"contest"`
			Majority int64  `json:"majority"`
		} `json:"contests"`
	}
	get(t, ts, "/api/count?election=uk-ge-2024", 200, &count)
	hendon := false
	for _, c := range count.Contests {
		hendon = hendon || (c.Contest == "Hendon" && c.Majority == 15)
	}
	if len(count.Contests) != 650 || !hendon {
		t.Errorf("count: %d contests, Hendon majority 15: %v", len(count.Contests), hendon)
	}

	var x struct {
		Party struct {
			Party string `json:"party"`
		} `json:"party"`
		Won, Second []json.RawMessage
	}
	get(t, ts, "/api/explain?election=uk-ge-2024&party=Reform+UK", 200, &x)
	if x.Party.Party != "RUK" || len(x.Won) != 5 || len(x.Second) != 98 {
		t.Errorf("explain RUK: %s, won %d, second %d", x.Party.Party, len(x.Won), len(x.Second))
	}
	var e apiError
	get(t, ts, "/api/explain?election=uk-ge-2024&party=Nobody", 400, &e)
	if !strings.Contains(e.Error, "Nobody") || e.Status != 400 {
		t.Errorf("unknown party: %+v", e)
	}
	get(t, ts, "/api/explain?election=uk-ge-2024", 400, &e)
}

type viewResult struct {
	Election string `json:"election"`
	Title    string `json:"title"`
	Source   string `json:"source"`
	Seats    int    `json:"seats"`
	System   struct {
		Spec, Label string
	} `json:"system"`
	Systems []struct {
		Spec  string `json:"spec"`
		Seats []int  `json:"seats"`
	} `json:"systems"`
	Parties []struct {
		Party       string  `json:"party"`
		Seats       int     `json:"seats"`
		ActualSeats int     `json:"actual_seats"`
		VoteShare   float64 `json:"vote_share"`
		Summary     string  `json:"summary"`
	} `json:"parties"`
	Sliders []struct {
		Party string  `json:"party"`
		Share float64 `json:"share"`
	} `json:"sliders"`
	Projection *struct {
		Model   string `json:"model"`
		Changes int    `json:"changes"`
	} `json:"projection"`
	Map     bool   `json:"map"`
	MapNote string `json:"map_note"`
	SVG     struct {
		Parliament, Map, Bars string
	} `json:"svg"`
}

func (v *viewResult) seats(party string) int {
	for _, p := range v.Parties {
		if p.Party == party {
			return p.Seats
		}
	}
	return 0
}

var labGroup = regexp.MustCompile(`data-party="Lab" data-seats="(\d+)"`)

// The page's view of 2024: 650 hexes (the Open Innovations layout, all
// matched), 411 Labour dots in the hemicycle, and each party's plain line.
// Under another system the seats are compare's for the same system; under
// new shares they are project's.
func TestView2024(t *testing.T) {
	ts, _ := newTestServer(t, nil)
	var v viewResult
	get(t, ts, "/api/view", 200, &v)
	if v.Election != "uk-ge-2024" || v.Seats != 650 || v.seats("Lab") != 411 || !v.Map || v.MapNote != "" {
		t.Fatalf("default view: %s, %d seats, Lab %d, map %v %q", v.Election, v.Seats, v.seats("Lab"), v.Map, v.MapNote)
	}
	if n := strings.Count(v.SVG.Map, `class="hex"`); n != 650 {
		t.Errorf("%d hexes", n)
	}
	if m := labGroup.FindStringSubmatch(v.SVG.Parliament); m == nil || m[1] != "411" || strings.Count(v.SVG.Parliament, `class="seat"`) != 650 {
		t.Errorf("hemicycle: %v, %d dots", m, strings.Count(v.SVG.Parliament, `class="seat"`))
	}
	if !strings.Contains(v.SVG.Bars, "Reform UK: 14.3% of the votes, 0.8% of the seats (5)") {
		t.Error("bars lack Reform UK's shares")
	}
	ruk := ""
	for _, p := range v.Parties {
		if p.Party == "RUK" {
			ruk = p.Summary
		}
	}
	if !strings.Contains(ruk, "came second in 98 constituencies") {
		t.Errorf("Reform UK's line: %q", ruk)
	}
	// GB shares as cast (Library CBP-10009, GB valid votes): Lab 34.6%.
	if len(v.Sliders) == 0 || v.Sliders[0].Party != "Lab" || v.Sliders[0].Share != 34.6 {
		t.Errorf("sliders: %+v", v.Sliders)
	}

	// Another system: the seats are compare's.
	var c struct {
		Systems []struct {
			System  string `json:"system"`
			Seats   int    `json:"seats"`
			Parties []struct {
				Party string `json:"party"`
				Seats int    `json:"seats"`
			} `json:"parties"`
		} `json:"systems"`
	}
	get(t, ts, "/api/compare?election=uk-ge-2024&systems=fptp,dhondt@region", 200, &c)
	if len(c.Systems) != 2 || c.Systems[0].Seats != 650 || c.Systems[1].Seats != 650 {
		t.Fatalf("compare: %+v", c.Systems)
	}
	dh := map[string]int{}
	for _, p := range c.Systems[1].Parties {
		dh[p.Party] = p.Seats
	}
	var d viewResult
	get(t, ts, "/api/view?election=uk-ge-2024&system=dhondt@region", 200, &d)
	if d.System.Spec != "dhondt@region" || d.seats("Lab") != dh["Lab"] || d.seats("RUK") != dh["RUK"] || d.seats("Lab") == 411 {
		t.Errorf("D'Hondt by region: view Lab %d RUK %d, compare Lab %d RUK %d", d.seats("Lab"), d.seats("RUK"), dh["Lab"], dh["RUK"])
	}
	if m := labGroup.FindStringSubmatch(d.SVG.Parliament); m == nil || m[1] != fmt.Sprint(dh["Lab"]) {
		t.Errorf("hemicycle under D'Hondt: %v", m)
	}
	if !d.Map || !strings.Contains(d.MapNote, "first-past-the-post winners") {
		t.Errorf("map note under list PR: %q", d.MapNote)
	}

	// New shares: the seats are project's (uniform swing, GB scope).
	share := "Lab=29.6,Con=24.4,RUK=19.7,LD=12.6,Green=6.9,SNP=2.6,Oth=4.2"
	var pj struct {
		Parties []struct {
			Party string `json:"party"`
			Seats int    `json:"seats"`
		} `json:"parties"`
		Constituencies []json.RawMessage `json:"constituencies"`
	}
	get(t, ts, "/api/project?election=uk-ge-2024&share="+url.QueryEscape(share), 200, &pj)
	proj := map[string]int{}
	for _, p := range pj.Parties {
		proj[p.Party] = p.Seats
	}
	var pv viewResult
	get(t, ts, "/api/view?election=uk-ge-2024&share="+url.QueryEscape(share), 200, &pv)
	if pv.Projection == nil || pv.Projection.Model != "uns" || pv.seats("Lab") != proj["Lab"] || pv.seats("RUK") != proj["RUK"] || proj["Lab"] >= 411 || proj["RUK"] <= 5 || len(pj.Constituencies) != 650 {
		t.Errorf("projection: view Lab %d RUK %d, project Lab %d RUK %d", pv.seats("Lab"), pv.seats("RUK"), proj["Lab"], proj["RUK"])
	}
	if strings.Count(pv.SVG.Map, `class="hex"`) != 650 || !strings.Contains(pv.SVG.Map, "projected winner") {
		t.Error("projected map")
	}
	// A projection under another system runs compare on the projected votes.
	var pd viewResult
	get(t, ts, "/api/view?election=uk-ge-2024&system=sainte-lague&share="+url.QueryEscape(share), 200, &pd)
	total := 0
	for _, p := range pd.Parties {
		total += p.Seats
	}
	if total != 650 || pd.seats("RUK") <= dh["RUK"] {
		t.Errorf("projected Sainte-Laguë: %d seats, RUK %d", total, pd.seats("RUK"))
	}
	var svg string
	get(t, ts, "/api/svg/map?election=uk-ge-2024", 200, &svg)
	if strings.Count(svg, `class="hex"`) != 650 || !strings.HasPrefix(svg, "<svg") {
		t.Error("/api/svg/map")
	}
}

// Bad requests get JSON errors with the right status, and request values
// never reach the loader unless they are dataset names offered.
func TestErrors(t *testing.T) {
	ts, l := newTestServer(t, nil)
	for _, c := range []struct {
		method, path string
		status       int
		want         string
	}{
		{"GET", "/api/report?election=../../../../etc/passwd", 404, "unknown"},
		{"GET", "/api/report?election=%2Fetc%2Fpasswd", 404, "unknown"},
		{"GET", "/api/report?election=uk-2024-hexmap", 404, "unknown"},
		{"GET", "/api/view?election=upload-0000000000000000", 404, "no such upload"},
		{"GET", "/api/report?election=uk-ge-2024&by=county", 400, "nation or region"},
		{"GET", "/api/view?system=dhondt@county", 422, `uk-ge-2024 (HoC-GE2024-results-by-candidate.csv):2: constituency "Aberafan Maesteg" has no county`},
		{"GET", "/api/view?simulate=1e8", 400, `unknown parameter "simulate": this endpoint takes election, fixed, gb_wide, independent, list_share, model, scope, share, strong_threshold, successor, system, threshold`},
		{"GET", "/api/view?shares=Lab%3D30%2COth%3D70", 400, `unknown parameter "shares" (did you mean "share"?)`},
		{"GET", "/api/view?system=fptp&system=hare", 400, `parameter "system" is given 2 times; expected it once`},
		{"GET", "/api/project?share=Lab%3D30%2COth%3D70&system=hare", 400, `unknown parameter "system"`},
		{"GET", "/api/datasets?election=uk-ge-2024", 400, "this endpoint takes no parameters"},
		{"GET", "/api/upload?name=x.csv", 405, "expected POST"},
		{"GET", "/api/svg/pie?election=uk-ge-2019", 404, "chart"},
		{"GET", "/api/view?system=borda", 400, "system"},
		{"GET", "/api/view?share=Lab%3Dlots", 400, "share"},
		{"GET", "/api/view?share=Lab%3D90%2CCon%3D90", 400, ""},
		{"GET", "/api/view?share=Lab%3D30%2COth%3D70&model=magic", 400, "model"},
		{"GET", "/api/compare?list_share=100", 400, "list_share"},
		{"GET", "/api/compare?threshold=abc", 400, "threshold"},
		{"GET", "/api/project", 400, "share: required"},
		{"GET", "/api/svg/pie", 404, "chart"},
		{"GET", "/api/nothing", 404, "no such API endpoint"},
		{"POST", "/api/report", 405, "expected GET"},
		{"DELETE", "/api/svg/map", 405, "expected GET"},
		{"GET", "/api/upload", 405, "expected POST"},
	} {
		req, _ := http.NewRequest(c.method, ts.URL+c.path, nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		var e apiError
		// No answer tells where the server keeps its files.
		if strings.Contains(string(body), "shared/data") || strings.Contains(string(body), datadir.Dir()) {
			t.Errorf("%s %s: the answer shows a path: %s", c.method, c.path, body)
		}
		if res.StatusCode != c.status || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") || json.Unmarshal(body, &e) != nil || e.Status != c.status || !strings.Contains(e.Error, c.want) {
			t.Errorf("%s %s: %d %q %s; want %d with %q", c.method, c.path, res.StatusCode, res.Header.Get("Content-Type"), body, c.status, c.want)
		}
		if c.status == 405 && res.Header.Get("Allow") == "" {
			t.Errorf("%s %s: 405 without Allow", c.method, c.path)
		}
	}
	for _, n := range l.names {
		if n != "uk-ge-2024" {
			t.Errorf("the loader was asked for %q", n)
		}
	}
	// The page and its files are served from the binary, with a strict
	// content security policy.
	var page string
	h := get(t, ts, "/", 200, &page)
	if !strings.Contains(page, `<script src="/static/app.js"`) || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'self'") || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("page headers %v", h)
	}
	res, _ := http.Get(ts.URL + "/static/../../go.mod")
	if res.StatusCode == 200 {
		b, _ := io.ReadAll(res.Body)
		if strings.Contains(string(b), "module ") {
			t.Error("a file outside the embedded page was served")
		}
	}
	res.Body.Close()
	// The script and the style sheet are served under /static/, and
	// nothing else: the page is served at / only (with its view).
	for path, want := range map[string]int{"/static/app.js": 200, "/static/style.css": 200, "/static/": 404, "/static/index.html": 404, "/static/nothing.js": 404} {
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want || strings.Contains(string(b), "<!doctype html>") {
			t.Errorf("%s: %d, want %d", path, res.StatusCode, want)
		}
	}
	// An unknown chart is refused before any election is read: the loader
	// of a fresh server is never called.
	ts2, l2 := newTestServer(t, nil)
	get(t, ts2, "/api/svg/pie?election=uk-ge-2024&system=sainte-lague", 404, &apiError{})
	if len(l2.names) != 0 {
		t.Errorf("an unknown chart loaded %v", l2.names)
	}
}

// A dataset's errors and notes name the dataset and its file, never the
// server's path to it; so do errors of a failed load.
func TestNoPathsInAnswers(t *testing.T) {
	if got := hidePaths(`open /srv/psephos/data/uk/ge2024/results.csv: no such file; "/a/b.csv" (x=/c/d/e.csv) Lab/Co-op 1/2`); got != `open results.csv: no such file; "b.csv" (x=e.csv) Lab/Co-op 1/2` {
		t.Errorf("hidePaths: %q", got)
	}
	s, err := New(Config{Datasets: ukDatasets(), Timeout: 5 * time.Second, Load: func(ctx context.Context, name string) (*Election, error) {
		return nil, fmt.Errorf("open /srv/psephos/data/%s/results.csv: permission denied", name)
	}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	var e apiError
	get(t, ts, "/api/report?election=uk-ge-2019", 503, &e)
	if e.Error != `election "uk-ge-2019" could not be loaded: open results.csv: permission denied` {
		t.Errorf("load failure: %q", e.Error)
	}
	e2024 := &election.Election{Notes: []string{"Electorates are not shown: open /srv/psephos/cache/totals.csv: no such file"},
		Contests: []election.Contest{{Name: "A", Pos: election.Pos{File: "/srv/psephos/data/x.csv", Line: 2}, Candidates: []election.Candidate{{Name: "B", Pos: election.Pos{File: "/srv/psephos/data/x.csv", Line: 2}}}}}}
	relabel(e2024, "uk-ge-2024")
	if p := e2024.Contests[0].Pos.String(); p != "uk-ge-2024 (x.csv):2" || e2024.Contests[0].Candidates[0].Pos.String() != p || e2024.Notes[0] != "Electorates are not shown: open totals.csv: no such file" {
		t.Errorf("relabelled: %s; %q", p, e2024.Notes)
	}
}

func multipartBody(t *testing.T, name string, data []byte, fields map[string]string) (io.Reader, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return &b, mw.FormDataContentType()
}

func post(t *testing.T, ts *httptest.Server, path string, body io.Reader, contentType string, status int, v any) {
	t.Helper()
	res, err := http.Post(ts.URL+path, contentType, body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != status || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("POST %s: %d %s, want %d", path, res.StatusCode, b, status)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// Uploads: a good file is read, counted and served under its ID; a bad
// file gets the reader's file:line error; a file over the limit gets 413;
// the oldest uploads are dropped beyond the limit. Files: edge cases 23
// (BOM, CRLF, quoted thousands: Blue 2 seats, Northshire majority 1) and 24
// (an unquoted thousands separator: line 3 has 5 fields, not 4).
func TestUpload(t *testing.T) {
	good, err := os.ReadFile(datadir.Case(t, "23-fptp-csv-bom-crlf-quoted/results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	bad, err := os.ReadFile(datadir.Case(t, "24-fptp-csv-unquoted-thousands/results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := newTestServer(t, func(c *Config) { c.MaxUpload = 4096; c.Uploads = 2 })

	body, ct := multipartBody(t, `C:\fakepath\results.csv`, good, nil)
	var u UploadJSON
	post(t, ts, "/api/upload", body, ct, 200, &u)
	if !strings.HasPrefix(u.Election, UploadPrefix) || u.Contests != 2 || u.Seats != 2 || u.InputFormat != "csv" || u.Source != "results.csv (uploaded)" {
		t.Fatalf("upload: %+v", u)
	}
	var v viewResult
	get(t, ts, "/api/view?election="+u.Election, 200, &v)
	if v.seats("Blue") != 2 || v.Map || !strings.Contains(v.MapNote, "none of this election's 2 contests") || strings.Count(v.SVG.Parliament, `class="seat"`) != 2 {
		t.Errorf("uploaded view: Blue %d, map %v %q", v.seats("Blue"), v.Map, v.MapNote)
	}
	var count struct {
		Contests []struct {
			Contest  string `json:"contest"`
			Majority int64  `json:"majority"`
		} `json:"contests"`
	}
	get(t, ts, "/api/count?election="+u.Election, 200, &count)
	if len(count.Contests) != 2 || count.Contests[0].Contest != "Northshire, East and Dale" || count.Contests[0].Majority != 1 {
		t.Errorf("uploaded count: %+v", count.Contests)
	}
	// The same file again, under another name: the same ID, and the same
	// election as first named (a second upload does not retitle it).
	var u2 UploadJSON
	post(t, ts, "/api/upload?name=again.csv", bytes.NewReader(good), "text/csv", 200, &u2)
	if u2 != u {
		t.Errorf("raw upload of the same file: %+v, want %+v", u2, u)
	}
	get(t, ts, "/api/view?election="+u.Election, 200, &v)
	if v.Source != "results.csv (uploaded)" || v.Title != "results.csv" {
		t.Errorf("after the second upload the view is titled %q from %q", v.Title, v.Source)
	}

	var e apiError
	body, ct = multipartBody(t, "results.csv", bad, nil)
	post(t, ts, "/api/upload", body, ct, 422, &e)
	if !strings.HasPrefix(e.Error, "results.csv:3:") || !strings.Contains(e.Error, "5") {
		t.Errorf("bad file: %q", e.Error)
	}
	post(t, ts, "/api/upload?name=x.csv", strings.NewReader("hello,world\n1,2\n"), "text/csv", 422, &e)
	if !strings.Contains(e.Error, "x.csv") {
		t.Errorf("unknown format: %q", e.Error)
	}
	post(t, ts, "/api/upload", bytes.NewReader(nil), "text/csv", 422, &e)
	body, ct = multipartBody(t, "results.csv", good, map[string]string{"input_format": "nonsense"})
	post(t, ts, "/api/upload", body, ct, 400, &e)
	body, ct = multipartBody(t, "big.csv", bytes.Repeat([]byte("x"), 5000), nil)
	post(t, ts, "/api/upload", body, ct, 413, &e)
	post(t, ts, "/api/upload", bytes.NewReader(bytes.Repeat([]byte("x"), 200<<10)), "text/csv", 413, &e)
	if !strings.Contains(e.Error, "limit") {
		t.Errorf("too large: %q", e.Error)
	}
	body, ct = multipartBody(t, "results.csv", nil, nil)
	post(t, ts, "/api/upload", strings.NewReader("--x\r\n"), "multipart/form-data; boundary=x", 400, &e)

	// Two more uploads push the first out (Uploads = 2).
	for i := range 2 {
		f := fmt.Sprintf("contest,party,votes\nA,Red,%d\nA,Blue,1\n", 10+i)
		var ui UploadJSON
		post(t, ts, "/api/upload?name=f.csv", strings.NewReader(f), "text/csv", 200, &ui)
	}
	get(t, ts, "/api/view?election="+u.Election, 404, &e)
}

// A request over the time limit gets a JSON 503; an election that cannot
// be loaded gets a JSON 503 naming the problem, and is tried again later.
func TestTimeoutAndLoadFailure(t *testing.T) {
	release := make(chan struct{})
	calls := 0
	var mu sync.Mutex
	s, err := New(Config{
		Datasets: ukDatasets(), Timeout: 50 * time.Millisecond,
		Load: func(ctx context.Context, name string) (*Election, error) {
			mu.Lock()
			calls++
			mu.Unlock()
			if name == "uk-ge-2019" {
				return nil, fmt.Errorf("no such file")
			}
			<-release
			return nil, fmt.Errorf("released")
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	defer close(release)
	var e apiError
	get(t, ts, "/api/report?election=uk-ge-2024", 503, &e)
	if !strings.Contains(e.Error, "longer than 50ms") {
		t.Errorf("timeout: %+v", e)
	}
	get(t, ts, "/api/report?election=uk-ge-2019", 503, &e)
	if !strings.Contains(e.Error, "could not be loaded: no such file") {
		t.Errorf("load failure: %+v", e)
	}
	get(t, ts, "/api/report?election=uk-ge-2019", 503, &e)
	mu.Lock()
	defer mu.Unlock()
	if calls != 3 {
		t.Errorf("loader called %d times, want 3 (a failed load is retried)", calls)
	}
	if _, err := New(Config{Datasets: ukDatasets()}); err == nil {
		t.Error("datasets without a loader accepted")
	}
	if _, err := New(Config{Datasets: ukDatasets(), Load: s.cfg.Load, Default: "nope"}); err == nil {
		t.Error("unknown default accepted")
	}
}

// Serve stops on its context and lets a request in flight finish.
func TestServeGracefulShutdown(t *testing.T) {
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(200 * time.Millisecond)
		io.WriteString(w, "done")
	})
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, "127.0.0.1:0", h, 5*time.Second, func(u string) { urls <- u }) }()
	u := <-urls
	got := make(chan string, 1)
	go func() {
		res, err := http.Get(u + "/slow")
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got <- string(b)
	}()
	<-started
	cancel()
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if b := <-got; b != "done" {
		t.Errorf("request in flight got %q", b)
	}
	if _, err := http.Get(u + "/slow"); err == nil {
		t.Error("still serving after shutdown")
	}
	if err := Serve(context.Background(), "127.0.0.1:-1", h, time.Second, nil); err == nil {
		t.Error("a bad address accepted")
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		`C:\Users\x\results.csv`: "results.csv", "../../etc/passwd": "passwd", "": "upload", "a\x00b\nc.csv": "abc.csv",
		"/": "upload", strings.Repeat("é", 100): strings.Repeat("é", 80),
	} {
		if got := cleanName(in); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

// The page carries the view its URL asks for, safely inside a script
// element, and leaves it out when the URL's parameters are wrong.
func TestPageInitialView(t *testing.T) {
	ts, _ := newTestServer(t, nil)
	var page string
	get(t, ts, "/?system=sainte-lague", 200, &page)
	_, rest, ok := strings.Cut(page, `<script id="initial-view" type="application/json">`)
	j, _, ok2 := strings.Cut(rest, "</script>")
	var v viewResult
	if !ok || !ok2 || json.Unmarshal([]byte(j), &v) != nil || v.System.Spec != "sainte-lague" || strings.Count(v.SVG.Map, `class="hex"`) != 650 {
		t.Fatalf("initial view: %v %v %q", ok, ok2, v.System.Spec)
	}
	if strings.Contains(j, "<") {
		t.Error("the inlined JSON has an unescaped <")
	}
	get(t, ts, "/?system=borda", 200, &page)
	if strings.Contains(page, `id="initial-view"`) {
		t.Error("a view for bad parameters was inlined")
	}
}

// Requests in parallel share the loaded election (run with -race): the
// first loads it once, and every answer is the one a lone request gets.
func TestConcurrentViews(t *testing.T) {
	ts, l := newTestServer(t, nil)
	queries := []string{"", "&system=dhondt@region", "&system=ams@region", "&share=" + url.QueryEscape("Lab=30,Con=25,RUK=20,LD=12,Green=7,SNP=2.5,Oth=3.5"), "&system=hare&model=transition&share=" + url.QueryEscape("Lab=30,Oth=70")}
	want := make([]string, len(queries))
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for range 2 {
		for i, q := range queries {
			for range 3 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					res, err := http.Get(ts.URL + "/api/view?election=uk-ge-2024" + q)
					if err != nil {
						errs <- err.Error()
						return
					}
					b, _ := io.ReadAll(res.Body)
					res.Body.Close()
					mu.Lock()
					defer mu.Unlock()
					switch {
					case res.StatusCode != 200:
						errs <- fmt.Sprintf("%s: %d %s", q, res.StatusCode, b)
					case want[i] == "":
						want[i] = string(b)
					case string(b) != want[i]:
						errs <- q + ": a different answer in parallel"
					}
				}()
			}
		}
		wg.Wait()
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if len(l.names) != 1 {
		t.Errorf("the election was loaded %d times", len(l.names))
	}
}

// An official file uploaded: the Library's 2024 results by constituency
// (CBP-10009) is read by its own reader, and its constituencies fill the
// map: 650 hexes, 411 of them Labour's.
func TestUploadOfficialFile(t *testing.T) {
	data, err := os.ReadFile(datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-constituency.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := newTestServer(t, nil)
	body, ct := multipartBody(t, "HoC-GE2024-results-by-constituency.csv", data, nil)
	var u UploadJSON
	post(t, ts, "/api/upload", body, ct, 200, &u)
	var v viewResult
	get(t, ts, "/api/view?election="+u.Election, 200, &v)
	if u.InputFormat != "hoc-constituencies" || u.Contests != 650 || !v.Map || v.MapNote != "" || strings.Count(v.SVG.Map, `data-party="Lab" d=`) != 411 {
		t.Errorf("%+v; map %v %q; %d Labour hexes", u, v.Map, v.MapNote, strings.Count(v.SVG.Map, `data-party="Lab" d=`))
	}
}
