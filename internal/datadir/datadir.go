package datadir

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

var (
	rootOnce sync.Once
	root     string
)

// ModuleRoot returns the folder holding go.mod, searching up from the
// working directory, or "" when there is none.
func ModuleRoot() string {
	rootOnce.Do(func() {
		dir, err := os.Getwd()
		if err != nil {
			return
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				root = dir
				return
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				return
			}
			dir = parent
		}
	})
	return root
}

func resolve(env, def string) string {
	if v := os.Getenv(env); v != "" {
		if filepath.IsAbs(v) {
			return v
		}
		if r := ModuleRoot(); r != "" {
			return filepath.Join(r, v)
		}
		abs, _ := filepath.Abs(v)
		return abs
	}
	if r := ModuleRoot(); r != "" {
		return filepath.Join(r, def)
	}
	return def
}

// Dir is the data folder (it may not exist).
func Dir() string { return resolve("PSEPHOS_DATA", filepath.Join("..", "shared", "data")) }

// CasesDir is the edge-cases folder (it may not exist).
func CasesDir() string {
	if os.Getenv("PSEPHOS_CASES") != "" {
		return resolve("PSEPHOS_CASES", "")
	}
	return filepath.Join(filepath.Dir(Dir()), "cases")
}

// Required reports whether PSEPHOS_REQUIRE_DATA=1 turns missing data into
// failures.
func Required() bool { return os.Getenv("PSEPHOS_REQUIRE_DATA") == "1" }

// Path returns the path of rel (slash-separated) inside the data folder, or
// skips the test (fails it when data is required) when the file is absent.
func Path(t testing.TB, rel string) string {
	t.Helper()
	return find(t, Dir(), rel, "PSEPHOS_DATA")
}

// Case returns the path of rel inside the edge-cases folder, or skips (fails
// when data is required).
func Case(t testing.TB, rel string) string {
	t.Helper()
	return find(t, CasesDir(), rel, "PSEPHOS_CASES")
}

func find(t testing.TB, dir, rel, env string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		msg := "test data " + rel + " not found at " + p + "; it belongs in the shared data folder (set " + env + " or place it at ../shared beside the repository)"
		if Required() {
			t.Fatal(msg + " [PSEPHOS_REQUIRE_DATA=1]")
		}
		t.Skip(msg)
	}
	return p
}
