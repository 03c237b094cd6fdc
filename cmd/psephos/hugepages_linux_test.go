package main

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// After preferHugePages, early in a process as the command calls it, the
// heap's next large block lies in memory that carries the kernel's
// huge-page advice ("hg" among the mapping's VmFlags in
// /proc/self/smaps): the advice lands where the runtime allocates. The
// check runs in a new process (this test binary run again), whose heap is
// as fresh as the command's; the test process's own heap, after the other
// tests, may place the block elsewhere.
func TestPreferHugePages(t *testing.T) {
	if !roomForHugePages() {
		t.Skip("a limit on memory is set (ulimit -v or -d, or strict overcommit): preferHugePages does nothing")
	}
	if os.Getenv("PSEPHOS_HUGEPAGE_CHILD") != "1" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPreferHugePages$", "-test.count=1")
		cmd.Env = append(os.Environ(), "PSEPHOS_HUGEPAGE_CHILD=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("the check in a new process failed: %v\n%s", err, out)
		}
		return
	}
	preferHugePages()
	b := make([]byte, 8<<20)
	addr := uint64(uintptr(unsafe.Pointer(&b[0])))
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := strings.Cut(strings.Fields(line + " x")[0], "-"); ok && !strings.HasSuffix(line, ":") {
			l, e1 := strconv.ParseUint(lo, 16, 64)
			h, e2 := strconv.ParseUint(hi, 16, 64)
			if e1 == nil && e2 == nil {
				in = l <= addr && addr < h
				continue
			}
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			if !strings.Contains(line+" ", " hg ") {
				t.Errorf("the block at %#x lies in a mapping without huge-page advice: %s", addr, line)
			}
			return
		}
	}
	t.Errorf("no mapping in /proc/self/smaps holds %#x", addr)
}
