package dataset

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
)

const body = "contest,candidate,party,votes\nA,Ann,Red,3\n"

func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// server serves body, or refuses clients without a browser-like
// User-Agent as the Library's server has been seen to do.
func server(t *testing.T, content string, hits *atomic.Int32) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if !strings.HasPrefix(r.UserAgent(), "Mozilla/5.0") {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		w.Write([]byte(content))
	}))
	t.Cleanup(s.Close)
	return s
}

func TestDownloadOnceAndVerify(t *testing.T) {
	var hits atomic.Int32
	s := server(t, body, &hits)
	d := Dataset{Name: "t", Path: "x/t.csv", URL: s.URL + "/t.csv", SHA256: digest(body)}
	cache := t.TempDir()
	r := Resolver{CacheDir: cache, Client: s.Client()}
	p, err := r.Resolve(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != body || p != filepath.Join(cache, "x", "t.csv") {
		t.Errorf("%s: %q", p, got)
	}
	// The second time it comes from the cache.
	if _, err := r.Resolve(context.Background(), d); err != nil || hits.Load() != 1 {
		t.Errorf("err %v, %d downloads", err, hits.Load())
	}
}

func TestChangedFileIsReportedNotUsed(t *testing.T) {
	var hits atomic.Int32
	s := server(t, body+"B,Bo,Blue,4\n", &hits)
	d := Dataset{Name: "t", Path: "t.csv", URL: s.URL + "/t.csv", SHA256: digest(body)}
	cache := t.TempDir()
	r := Resolver{CacheDir: cache, Client: s.Client()}
	_, err := r.Resolve(context.Background(), d)
	if !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), digest(body)) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(cache, "t.csv")); err == nil {
		t.Error("a changed file was stored under the dataset's name")
	}
	if _, err := os.Stat(filepath.Join(cache, "t.csv.unverified")); err != nil {
		t.Error("the changed file was not kept for inspection")
	}
	// A data folder holding a different file is reported too.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "t.csv"), []byte("other"), 0o644)
	if _, err := (&Resolver{DataDir: dir}).Resolve(context.Background(), d); !errors.Is(err, ErrChanged) {
		t.Errorf("err = %v", err)
	}
}

func TestRefusalSaysWhereToDownload(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusForbidden)
	}))
	defer s.Close()
	d := Dataset{Name: "t", Path: "uk/t.csv", URL: s.URL + "/t.csv", SHA256: digest(body)}
	data := t.TempDir()
	_, err := (&Resolver{DataDir: data, CacheDir: t.TempDir(), Client: s.Client()}).Resolve(context.Background(), d)
	if err == nil || !strings.Contains(err.Error(), "HTTP 403") || !strings.Contains(err.Error(), "download it by hand from "+d.URL) ||
		!strings.Contains(err.Error(), filepath.Join(data, "uk", "t.csv")) {
		t.Errorf("err = %v", err)
	}
}

func TestDataFolderFirst(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "x"), 0o755)
	os.WriteFile(filepath.Join(dir, "x", "t.csv"), []byte(body), 0o644)
	d := Dataset{Name: "t", Path: "x/t.csv", URL: "http://127.0.0.1:1/never", SHA256: digest(body)}
	p, err := (&Resolver{DataDir: dir, CacheDir: t.TempDir()}).Resolve(context.Background(), d)
	if err != nil || p != filepath.Join(dir, "x", "t.csv") {
		t.Errorf("%s %v", p, err)
	}
	// No data folder file and no cache: a clear error, no network.
	_, err = (&Resolver{DataDir: t.TempDir()}).Resolve(context.Background(), d)
	if err == nil || !strings.Contains(err.Error(), "not found in the data folder") {
		t.Errorf("err = %v", err)
	}
}

func TestNamesAreLookedUpNotJoined(t *testing.T) {
	for _, n := range []string{"../etc/passwd", "uk-ge-2024/../../x", ""} {
		if _, ok := Lookup(n); ok {
			t.Errorf("%q resolved", n)
		}
	}
	if d, ok := Lookup("uk-ge-2024"); !ok || !strings.HasPrefix(d.URL, "https://researchbriefings.files.parliament.uk/documents/CBP-10009/") {
		t.Errorf("%+v", d)
	}
}

// Every named dataset's digest is that of the copy in the shared data
// folder (the release the tests check against the official figures).
func TestDigestsMatchSharedData(t *testing.T) {
	dir := datadir.Dir()
	for _, d := range All {
		datadir.Path(t, d.Path)
		if _, err := (&Resolver{DataDir: dir}).Resolve(context.Background(), d); err != nil {
			t.Error(err)
		}
	}
}
