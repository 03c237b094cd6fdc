package web

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/psephos/psephos/internal/datadir"
)

// Any bytes uploaded get a JSON answer: 200 with an ID whose view can be
// drawn (or is refused with a JSON 4xx, e.g. a system that needs regions),
// or a JSON 4xx error; never a 5xx, never a panic.
func FuzzUpload(f *testing.F) {
	f.Add([]byte("contest,party,votes\nA,Red,10\nA,Blue,1\n"), "a.csv")
	f.Add([]byte("contest,party,votes,seats\nA,Red,10,2\nA,Blue,1,2\nA,Green,0,2\n"), "b.csv")
	f.Add([]byte("contest,party,votes\nA,Red,5\nA,Blue,5\n"), "tie.csv")
	f.Add([]byte("\xef\xbb\xbfcontest,candidate,party,votes\r\n\"X, Y\",P,Red,\"1,000\"\r\n"), "bom.csv")
	f.Add([]byte("<?xml version=\"1.0\"?><Gesamtergebnis/>"), "x.xml")
	f.Add([]byte(""), "")
	for _, c := range []string{"23-fptp-csv-bom-crlf-quoted/results.csv", "24-fptp-csv-unquoted-thousands/results.csv", "21-fptp-tie-decided-by-lot/results.csv"} {
		if b, err := os.ReadFile(datadir.CasesDir() + "/" + c); err == nil {
			f.Add(b, "results.csv")
		}
	}
	s, err := New(Config{MaxUpload: 1 << 20})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Skip()
		}
		fw.Write(data)
		mw.Close()
		req := httptest.NewRequest("POST", "/api/upload", &b)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		checkJSON(t, rec, "upload")
		if rec.Code != http.StatusOK {
			return
		}
		var u UploadJSON
		json.Unmarshal(rec.Body.Bytes(), &u)
		for _, q := range []string{"", "&system=sainte-lague", "&share=Oth%3D100"} {
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, httptest.NewRequest("GET", "/api/view?election="+u.Election+q, nil))
			checkJSON(t, rec, "view"+q)
		}
	})
}

func checkJSON(t *testing.T, rec *httptest.ResponseRecorder, what string) {
	t.Helper()
	if rec.Code >= 500 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") || !json.Valid(rec.Body.Bytes()) {
		t.Fatalf("%s: %d %q %.300s", what, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
	}
}

// Any parameters of a view get a JSON answer, never a 5xx or a panic.
func FuzzView(f *testing.F) {
	f.Add("fptp", "", "uns", "40", "")
	f.Add("dhondt", "Red=60,Blue=40", "transition", "40", "5")
	f.Add("ams@nation", "Red=60,Oth=40", "proportional", "50%", "")
	f.Add("sainte-lague", "Scotland: Red=50,Oth=50", "strong-transition", "1", "100")
	f.Add("parallel@region", "Red=-5,Blue=105", "uns", "99.9", "0")
	s, err := New(Config{})
	if err != nil {
		f.Fatal(err)
	}
	data := "contest,party,votes,nation,region\nA,Red,10,N,R\nA,Blue,7,N,R\nA,Green,1,N,R\nB,Red,3,N,S\nB,Blue,9,N,S\nC,Blue,4,M,T\nC,Green,5,M,T\n"
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("POST", "/api/upload?name=f.csv", strings.NewReader(data)))
	var u UploadJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &u); err != nil || rec.Code != 200 {
		f.Fatalf("upload: %d %s", rec.Code, rec.Body)
	}
	f.Fuzz(func(t *testing.T, system, share, model, listShare, threshold string) {
		q := url.Values{"election": {u.Election}, "system": {system}, "model": {model}, "list_share": {listShare}, "threshold": {threshold}}
		if share != "" {
			q.Set("share", share)
		}
		for _, path := range []string{"/api/view?", "/api/compare?systems=" + url.QueryEscape(system) + "&", "/api/project?"} {
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, httptest.NewRequest("GET", path+q.Encode(), nil))
			checkJSON(t, rec, path+q.Encode())
		}
	})
}
