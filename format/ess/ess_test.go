package ess

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/psephos/psephos/ballot"
	"github.com/psephos/psephos/internal/ballottest"
	"github.com/psephos/psephos/internal/datadir"
)

// workbook builds an .xlsx with the given rows on its first sheet.
func workbook(t testing.TB, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellStr("Sheet1", cell, v)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRead(t *testing.T) {
	x := workbook(t, [][]string{
		{"Precinct", "1ST CHOICE", "2ND CHOICE", "3RD CHOICE", "COUNT"},
		{"P1", "ANN", "undervote", "BOB", "2"},
		{"P1", "overvote", "ANN", "undervote", "1"},
		{"P2", "UWI", "undervote", "undervote", "1"},
		{"P2", "undervote", "undervote", "undervote", "3"},
	})
	p, err := Read(bytes.NewReader(x), "t.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]ballot.Mark{{0, ballot.Skip, 1}, {ballot.Unknown, ballot.Equal, ballot.Unknown, 0}, {2}, {}}
	var got [][]ballot.Mark
	for i := 0; i < p.Len(); i++ {
		got = append(got, append([]ballot.Mark{}, p.Ranking(i)...))
	}
	if !reflect.DeepEqual(got, want) || p.Ballots() != 7 || !reflect.DeepEqual(p.Candidates, []string{"ANN", "BOB", WriteInName}) || !reflect.DeepEqual(p.WriteIns, []int{2}) {
		t.Errorf("rankings %v, %d ballots, %q, write-ins %v", got, p.Ballots(), p.Candidates, p.WriteIns)
	}
	bad := workbook(t, [][]string{{"Precinct", "1ST CHOICE", "COUNT"}, {"P", "ANN", "x"}})
	if _, err := Read(bytes.NewReader(bad), "t.xlsx", Options{}); err == nil || !strings.Contains(err.Error(), "t.xlsx:2: COUNT: expected a whole number") {
		t.Errorf("bad count: %v", err)
	}
	if _, err := Read(strings.NewReader("not a workbook"), "t.xlsx", Options{}); err == nil || !strings.HasPrefix(err.Error(), "t.xlsx: expected an Excel workbook") {
		t.Errorf("not xlsx: %v", err)
	}
}

// Minneapolis 2013 mayor cast-vote records: 80,101 ballots of which 639
// rank no one (RCTab's expected report, summary: totalNumBallots,
// undervotes); 35 candidates and the undeclared write-ins.
func TestMinneapolis(t *testing.T) {
	f, err := os.Open(datadir.Path(t, "ranked/rctab/2013_minneapolis_mayor/2013_minneapolis_mayor_cvr.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := Read(f, f.Name(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	blank := ballot.Rules{}.Prepare(p).Defects.Blank
	if p.Ballots() != 80101 || blank != 639 || len(p.Candidates) != 36 || len(p.WriteIns) != 1 {
		t.Errorf("%d ballots, %d blank, %d candidates, write-ins %v", p.Ballots(), blank, len(p.Candidates), p.WriteIns)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(workbook(f, [][]string{{"Precinct", "1ST CHOICE", "2ND CHOICE", "COUNT"}, {"P1", "ANN", "overvote", "2"}, {"P2", "UWI", "", "1"}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Read(bytes.NewReader(b), "f.xlsx", Options{})
		if !ballottest.Read(t, p, err, "f.xlsx") {
			return
		}
	})
}
