# The two commands: `make demo` and `make test`. Both run the idempotent scripts/setup first.
SHELL := /bin/bash
export FRCNN_PYTHON := $(CURDIR)/.venv/bin/python

.PHONY: setup build release test demo bench

setup:
	@scripts/setup

build: setup
	swift build

release: setup
	swift build -c release

# The memory-growth tests read the process's resident size, so they run alone, after the parallel run.
test: setup
	swift build --build-tests
	swift test --skip-build --skip MemoryTests
	swift test --skip-build --filter MemoryTests

demo: release
	scripts/demo

# `make bench BENCH_ARGS=--quick` for the short run (docs/performance.md).
bench: release
	scripts/bench $(BENCH_ARGS)
