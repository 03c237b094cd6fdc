package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/psephos/psephos/internal/datadir"
)

// psephos serve reads datasets as the other commands do (electorates merged
// from the Library's by-constituency file), finds the map layout, serves
// until its context ends, then exits 0. Official: 650 seats, Labour 411
// (House of Commons Library CBP-10009).
func TestServe(t *testing.T) {
	datadir.Path(t, "uk/ge2024/HoC-GE2024-results-by-candidate.csv")
	datadir.Path(t, "uk/maps/uk-constituencies-2024.hexjson")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", datadir.Dir(), "--no-download"}, io.Discard, pw)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	base := ""
	for lines.Scan() {
		if _, rest, ok := strings.Cut(lines.Text(), "serving on "); ok {
			base, _, _ = strings.Cut(rest, " ")
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if base == "" {
		t.Fatal("no address announced")
	}
	get := func(path string, v any) {
		t.Helper()
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %s", path, res.Status)
		}
		if err := json.NewDecoder(res.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	var rep struct {
		Seats      int    `json:"seats"`
		Electorate *int64 `json:"electorate"`
		Parties    []struct {
			Party string `json:"party"`
			Seats int    `json:"seats"`
		} `json:"parties"`
	}
	get("/api/report?election=uk-ge-2024", &rep)
	if rep.Seats != 650 || rep.Electorate == nil || rep.Parties[0].Party != "Lab" || rep.Parties[0].Seats != 411 {
		t.Errorf("report: %d seats, electorate %v, first party %+v", rep.Seats, rep.Electorate, rep.Parties[0])
	}
	var view struct {
		Election string `json:"election"`
		Map      bool   `json:"map"`
	}
	get("/api/view", &view)
	if view.Election != "uk-ge-2024" || !view.Map {
		t.Errorf("view: %+v", view)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit status %d after shutdown", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	if code, _, errs := runCLI(t, "serve", "--addr", "127.0.0.1:0", "--open", "nope", "--hexmap", ""); code != 2 || !strings.Contains(errs, "nope") {
		t.Errorf("unknown --open: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "serve", "--addr", "127.0.0.1:0", "--colours", "Lab=red"); code != 2 || !strings.Contains(errs, "--colours") {
		t.Errorf("bad --colours: %d %q", code, errs)
	}
}
