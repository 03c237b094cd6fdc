package main

import (
	"os"
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// hugePageSpan is the part of the heap, in bytes, that preferHugePages
// advises: enough for the Tasmania Senate count (66 MB touched).
const hugePageSpan = 128 << 20

// preferHugePages asks Linux to back the next hugePageSpan bytes of the Go
// heap with transparent huge pages, for a command about to read a large
// input.
//
// Why: where the kernel's transparent huge pages are in "madvise" mode (a
// common default), only memory a program advises gets them, and Go's
// runtime has not advised its heap since Go 1.21.1. On a virtual machine a
// first touch of each 4 KB page then costs about 13 µs: 64 MB touched page
// by page took 220 ms on the project's CI machine, and 4 ms as 2 MB pages.
// Measured whole process (BENCHMARKS.md): the Tasmania Senate count went
// from 0.45 s and 16,000 page faults to 0.27 s and 1,500.
//
// How: a block of that size is allocated (fresh from the system, so
// untouched), advised, and freed by a collection at once; the runtime
// then reuses its addresses for the work that follows, and their first
// touches fault in 2 MB pages. The cost is one collection and the
// runtime's bookkeeping for the block (about 5 ms), so small inputs do
// without. Elsewhere the advice fails and nothing changes; it never
// changes a result.
//
// Under a limit on the address space or the data segment (ulimit -v,
// ulimit -d), or with strict overcommit, it does nothing, since the
// block, untouched as it is, counts against those limits. It acts once
// a process: the advice stays with the memory, and a second block would
// come from the reused heap, which the runtime must clear.
var preferHugePages = sync.OnceFunc(func() {
	if !roomForHugePages() {
		return
	}
	b := make([]byte, hugePageSpan)
	_ = unix.Madvise(b, unix.MADV_HUGEPAGE)
	b = nil
	runtime.GC()
})

// roomForHugePages reports whether the block of preferHugePages may be
// allocated without counting against a limit: no limit on the address
// space or the data segment, and the kernel not in strict overcommit
// (vm.overcommit_memory = 2).
func roomForHugePages() bool {
	for _, res := range []int{unix.RLIMIT_AS, unix.RLIMIT_DATA} {
		var lim unix.Rlimit
		if err := unix.Getrlimit(res, &lim); err != nil || lim.Cur != unix.RLIM_INFINITY {
			return false
		}
	}
	b, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	return err == nil && len(b) > 0 && b[0] != '2'
}
