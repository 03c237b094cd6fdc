//go:build !linux

package main

// preferHugePages does nothing outside Linux (see hugepages_linux.go).
var preferHugePages = func() {}
